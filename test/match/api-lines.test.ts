import { describe, expect, it } from 'vitest';
import { httpExceptionName, normalizeApiPath, parseAccessLine, parseActionLine } from '../../src/match/index.js';

describe('API lines', () => {
  it('normalises the URI of every deployment style', () => {
    expect(normalizeApiPath('/compute/v2.1/servers/abc/action')).toBe('/servers/abc/action');
    expect(normalizeApiPath('/v2.1/servers')).toBe('/servers');
    expect(normalizeApiPath('/v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail?all_tenants=1')).toBe('/servers/detail');
    expect(normalizeApiPath('/v2.1/4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34/servers')).toBe('/servers');
    expect(normalizeApiPath('/v2.1/')).toBe('/');
    expect(normalizeApiPath('/servers/')).toBe('/servers');
  });

  it('reads requestlog and eventlet access lines', () => {
    expect(parseAccessLine('10.0.0.5 "POST /compute/v2.1/servers" status: 202 len: 414 microversion: 2.96 time: 0.812345')).toEqual({
      method: 'POST', uri: '/compute/v2.1/servers', path: '/servers', status: 202,
    });
    expect(parseAccessLine('127.0.0.1 "DELETE /v2.1/servers/4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34 HTTP/1.1" status: 204 len: 407 time: 0.1111627')).toMatchObject({
      method: 'DELETE', path: '/servers/4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34', status: 204,
    });
    expect(parseAccessLine('10.0.0.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2473750')?.path).toBe('/servers/detail');
    expect(parseAccessLine('Going to try to stop instance')).toBeNull();
  });

  it('reads the dispatch lines: body key, controller method', () => {
    expect(parseActionLine(`Action: 'action', calling method: <bound method ServersController._action_reboot of <nova.api.openstack.compute.servers.ServersController object at 0x7f>>, body: {"reboot": {"type": "HARD"}}`)).toEqual({
      action: 'action', method: 'ServersController._action_reboot', bodyKey: 'reboot', body: '{"reboot": {"type": "HARD"}}',
    });
    expect(parseActionLine(`Calling method '<bound method VolumeAttachmentController.delete of <nova.api.openstack.compute.volume_attachments.VolumeAttachmentController object at 0x7f>>'`)).toEqual({
      action: 'delete', method: 'VolumeAttachmentController.delete', bodyKey: null, body: '',
    });
    expect(parseActionLine(`Action: 'update', calling method: <function Controller.__getattribute__.<locals>.version_select at 0x7f>, body: {"forced_down": true}`)).toMatchObject({ method: null, bodyKey: 'forced_down' });
  });

  it('names the webob exception of a status', () => {
    expect([400, 403, 404, 409, 500, 418].map(httpExceptionName)).toEqual(['HTTPBadRequest', 'HTTPForbidden', 'HTTPNotFound', 'HTTPConflict', 'HTTPInternalServerError', 'HTTP418']);
  });
});

describe('API lines of older releases', () => {
  it('reads Havana dispatch lines (no calling method, XML bodies on the next lines)', () => {
    expect(parseActionLine(`Action: 'action', body: {"reboot": {"type": "HARD"}}`)).toMatchObject({ action: 'action', method: null, bodyKey: 'reboot' });
    const xml = parseActionLine(`Action: 'action', body: <?xml version="1.0" encoding="UTF-8"?>`, [
      '<reboot xmlns="http://docs.openstack.org/compute/api/v1.1" type="HARD"/>',
    ]);
    expect(xml).toMatchObject({ bodyKey: 'reboot' });
    expect(xml!.body).toContain('type="HARD"');
    expect(parseActionLine(`Action: 'action', body: {`, ['    "createImage": {', '        "name": "snap"', '    }', '}'])).toMatchObject({ bodyKey: 'createImage' });
    expect(parseActionLine(`Calling method <bound method Controller._action_reboot of <nova.api.openstack.compute.servers.Controller object at 0x3722>>`)).toMatchObject({
      method: 'Controller._action_reboot',
    });
  });
});
