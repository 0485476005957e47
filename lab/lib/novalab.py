#!/usr/bin/python3
"""novalab: seed the lab and run data-driven scenarios against it.

    novalab.py seed                      create image, flavors, aggregates, networks (idempotent)
    novalab.py run <scenario.json> [--name NAME] [--out DIR]
    novalab.py rejudge <manifest.json>   recompute outcomes from the stored data (after a rule change)
                                         run the steps, write DIR/manifest.json (default
                                         $NOVALAB_DIR/runs/<scenario name>/)

Run with /usr/bin/python3 (Debian's requests/pymysql); no other dependency.

A scenario is JSON: {"name", "description", "az"?, "steps": [step...]}. A step:
    {"op": "stop", "server": "vm1", "args": {...}, "expect": {...}, "wait": true, "timeout": 120,
     "note": "free text"}
`op` is a lifecycle operation (see LIFECYCLE below; it names nova-trace's model id), or a lab
helper (see HELPERS). String values in args may use templates:
    {host:vm1}   host the server vm1 is on now        {other:vm1}  the other FakeDriver host
    {id:vm1}     server uuid                          {var:name}   a value saved by a `remember` step
    {migration:vm1}  id of vm1's latest migration     {port:vm1}   a port id attached to vm1
`expect` keys (all optional): http, status, host ("same" | "changed" | <name>), migration
(final migration status), fault (substring of the server fault), error (substring of the HTTP
error body), outcome ("completed" | "failed" | "any"; derived from the others when absent).
Every API request a step makes is one manifest entry with its x-openstack-request-id.
"""
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid

import requests

LAB_SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.environ.get('NOVALAB_DIR', '/srv/novalab-run')
KS = 'http://127.0.0.1:5000/v3'
NOVA = 'http://127.0.0.1:8774/v2.1'
GLANCE = 'http://127.0.0.1:9292'
NEUTRON = 'http://127.0.0.1:9696/v2.0'
MV = os.environ.get('NOVA_MICROVERSION', '2.90')
POLL = 0.5
FAKE_HOSTS = ['cmp1', 'cmp2']
SVC_OF_HOST = {'cmp1': 'n-cpu-1', 'cmp2': 'n-cpu-2', 'lv1': 'n-cpu-lv1'}
IMAGE = 'zero-1m-raw'
FLAVORS = {'m1.tiny': (512, 1, 1), 'm1.small': (1024, 1, 2),
           # FakeDriver reports 600000 GB of disk and disk is not quota-limited: a 2,000,000 GB root
           # disk passes the API (a huge-RAM flavor would hit the RAM quota, 403) and fails in the scheduler
           'm1.hugedisk': (512, 1, 2000000)}
NETWORKS = {'net1': ('physnet1', '10.10.1.0/24'),      # binds: the fake OVS agents map physnet1
            'net-nobind': ('physnet2', '10.10.2.0/24')}  # no agent maps physnet2 -> binding_failed


def lab_env():
    env = {}
    p = os.path.join(DIR, 'lab.env')
    if os.path.exists(p):
        for line in open(p):
            if '=' in line:
                k, v = line.strip().split('=', 1)
                env[k] = v
    return env


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def log(*a):
    print(f'[{datetime.datetime.utcnow().strftime("%H:%M:%S")}]', *a, flush=True)


# ------------------------------------------------------------------ REST client
class Client:
    def __init__(self):
        self.s = requests.Session()
        self.auth()

    def auth(self):
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "domain": {"name": "Default"}, "password": "admin"}}},
            "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
        r = requests.post(f'{KS}/auth/tokens', json=body, timeout=30)
        r.raise_for_status()
        self.token = r.headers['X-Subject-Token']
        self.project = r.json()['token']['project']['id']
        self.auth_time = time.time()

    def headers(self, extra=None):
        if time.time() - self.auth_time > 1800:
            self.auth()
        h = {'X-Auth-Token': self.token, 'OpenStack-API-Version': f'compute {MV}',
             'X-OpenStack-Nova-API-Version': MV, 'Content-Type': 'application/json'}
        h.update(extra or {})
        return h

    def req(self, method, path, body=None, base=NOVA, headers=None, timeout=120):
        data = json.dumps(body) if body is not None and not isinstance(body, bytes) else body
        return self.s.request(method, base + path, headers=self.headers(headers), data=data, timeout=timeout)

    def get(self, path, base=NOVA):
        r = self.req('GET', path, base=base)
        return r.json() if r.status_code < 400 else None


C = None


def server(sid):
    j = C.get(f'/servers/{sid}')
    return j and j['server']


def services():
    return {s['host']: s for s in C.get('/os-services?binary=nova-compute')['services']}


def image_id(name):
    imgs = C.get(f'/v2/images?name={name}', base=GLANCE)['images']
    return imgs[0]['id'] if imgs else None


def flavor_id(name):
    for f in C.get('/flavors')['flavors']:
        if f['name'] == name:
            return f['id']
    return None


def network_id(name):
    n = C.get(f'/networks?name={name}', base=NEUTRON)['networks']
    return n[0]['id'] if n else None


def migrations(sid):
    j = C.get(f'/os-migrations?instance_uuid={sid}') or {}
    return sorted(j.get('migrations', []), key=lambda m: m['id'])


def instance_action(sid, rid):
    j = C.get(f'/servers/{sid}/os-instance-actions/{rid}')
    return j and j.get('instanceAction')


# ------------------------------------------------------------------ seed
def seed():
    global C
    C = Client()
    h = {'Content-Type': 'application/json'}
    if not image_id(IMAGE):
        r = C.req('POST', '/v2/images', {"name": IMAGE, "disk_format": "raw", "container_format": "bare",
                                         "visibility": "public"}, base=GLANCE, headers=h)
        img = r.json()['id']
        C.req('PUT', f'/v2/images/{img}/file', b'\0' * (1 << 20), base=GLANCE,
              headers={'Content-Type': 'application/octet-stream'})
        log('image', IMAGE, img)
    for name, (ram, vcpus, disk) in FLAVORS.items():
        if not flavor_id(name):
            C.req('POST', '/flavors', {"flavor": {"name": name, "ram": ram, "vcpus": vcpus, "disk": disk}})
            log('flavor', name)
    hosts = services()
    if 'lv1' in hosts:
        # keep the FakeDriver hosts and the libvirt host apart: moves stay within one driver
        aggs = {a['name']: a for a in C.get('/os-aggregates')['aggregates']}
        for name, az, members in (('fake-hosts', 'fake', FAKE_HOSTS), ('libvirt-hosts', 'lv', ['lv1'])):
            if name not in aggs:
                a = C.req('POST', '/os-aggregates', {"aggregate": {"name": name, "availability_zone": az}}).json()['aggregate']
                for m in members:
                    C.req('POST', f'/os-aggregates/{a["id"]}/action', {"add_host": {"host": m}})
                log('aggregate', name, az, members)
    for name, (physnet, cidr) in NETWORKS.items():
        if not network_id(name):
            n = C.req('POST', '/networks', {"network": {"name": name, "shared": True,
                      "provider:network_type": "flat", "provider:physical_network": physnet}},
                      base=NEUTRON).json()['network']
            C.req('POST', '/subnets', {"subnet": {"name": name + '-subnet', "network_id": n['id'],
                  "ip_version": 4, "cidr": cidr, "enable_dhcp": False}}, base=NEUTRON)
            log('network', name, physnet, cidr)
    fake_agents()


def fake_agents():
    """Insert 'alive' Open vSwitch agent rows for the FakeDriver hosts straight into neutron's DB.
    No agent runs; neutron's agent_down_time is set huge in neutron.conf, so the ML2 openvswitch
    mechanism driver believes them and binds ports on physnet1 to cmp1/cmp2 (vif_type ovs)."""
    import pymysql
    db = pymysql.connect(host='127.0.0.1', user='neutron', password='neutron', database='neutron', autocommit=True)
    cur = db.cursor()
    conf = json.dumps({"bridge_mappings": {"physnet1": "br-physnet1"}, "integration_bridge": "br-int",
                       "tunnel_types": [], "tunneling_ip": "127.0.0.1", "ovs_hybrid_plug": False,
                       "datapath_type": "system", "enable_distributed_routing": False,
                       "ovs_capabilities": {"datapath_types": ["system"], "iface_types": ["internal", "system"]},
                       "resource_provider_bandwidths": {}, "resource_provider_packet_processing_with_direction": {},
                       "resource_provider_packet_processing_without_direction": {}})
    ts = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M:%S')
    for h in FAKE_HOSTS:
        cur.execute("SELECT id FROM agents WHERE host=%s AND `binary`='neutron-openvswitch-agent'", (h,))
        row = cur.fetchone()
        if row:
            cur.execute("UPDATE agents SET heartbeat_timestamp=%s WHERE id=%s", (ts, row[0]))
            continue
        cur.execute("INSERT INTO agents (id, agent_type, `binary`, topic, host, admin_state_up, created_at, "
                    "started_at, heartbeat_timestamp, description, configurations, `load`, availability_zone, "
                    "resource_versions) VALUES (%s,'Open vSwitch agent','neutron-openvswitch-agent','N/A',%s,1,"
                    "%s,%s,%s,'fake agent row inserted by lab/lib/novalab.py (no agent runs)',%s,0,NULL,NULL)",
                    (str(uuid.uuid4()), h, ts, ts, ts, conf))
        log('fake OVS agent row for', h)
    db.close()


# ------------------------------------------------------------------ operations
# op -> (model id, variant, builder(args, ctx) -> (method, path, body), default http, default final statuses)
# final statuses: None = whatever the status was before (lock, snapshot ...)
def _act(body):
    return lambda a, x: ('POST', f'/servers/{x["sid"]}/action', body(a, x) if callable(body) else body)


def _reboot_variant(a):
    return a.get('type', 'SOFT').lower()


def _boot_body(a, x):
    s = {"name": x['name'], "imageRef": x['image'], "flavorRef": x['flavor']}
    nets = a.get('networks', 'none')
    if isinstance(nets, list):
        s['networks'] = [{"uuid": network_id(n)} if not str(n).startswith('port:') else {"port": n[5:]} for n in nets]
    else:
        s['networks'] = nets
    if a.get('az') or x.get('az'):
        s['availability_zone'] = a.get('az') or x.get('az')
    if a.get('host'):
        s['host'] = a['host']                       # 2.74+: admin picks the host, scheduler still checks it
    for k in ('min_count', 'max_count'):
        if k in a:
            s[k] = a[k]
    if 'min_count' in a or 'max_count' in a:
        s['return_reservation_id'] = True
    return s


LIFECYCLE = {
    'boot': ('boot', None, lambda a, x: ('POST', '/servers', {"server": _boot_body(a, x)}), 202, ['ACTIVE']),
    'delete': ('delete', None, lambda a, x: ('DELETE', f'/servers/{x["sid"]}', None), 204, ['DELETED']),
    'stop': ('stop', None, _act({"os-stop": None}), 202, ['SHUTOFF']),
    'start': ('start', None, _act({"os-start": None}), 202, ['ACTIVE']),
    'reboot': ('reboot', _reboot_variant, _act(lambda a, x: {"reboot": {"type": a.get('type', 'SOFT').upper()}}),
               202, ['ACTIVE']),
    'pause': ('pause', None, _act({"pause": None}), 202, ['PAUSED']),
    'unpause': ('unpause', None, _act({"unpause": None}), 202, ['ACTIVE']),
    'suspend': ('suspend', None, _act({"suspend": None}), 202, ['SUSPENDED']),
    'resume': ('resume', None, _act({"resume": None}), 202, ['ACTIVE']),
    'rescue': ('rescue', None, _act(lambda a, x: {"rescue": ({"rescue_image_ref": x['image']} if a.get('image') else {})}),
               200, ['RESCUE']),
    'unrescue': ('unrescue', None, _act({"unrescue": None}), 202, ['ACTIVE']),
    'lock': ('lock', None, _act(lambda a, x: {"lock": ({"locked_reason": a['reason']} if a.get('reason') else None)}),
             202, None),
    'unlock': ('unlock', None, _act({"unlock": None}), 202, None),
    'snapshot': ('snapshot', None, _act(lambda a, x: {"createImage": {"name": a.get('name', x['name'] + '-snap')}}),
                 202, None),
    'backup': ('backup', None, _act(lambda a, x: {"createBackup": {"name": a.get('name', x['name'] + '-backup'),
                                                                   "backup_type": a.get('backup_type', 'daily'),
                                                                   "rotation": a.get('rotation', 1)}}), 202, None),
    'rebuild': ('rebuild', None, _act(lambda a, x: {"rebuild": {"imageRef": x['image']}}), 202, ['ACTIVE']),
    'evacuate': ('evacuate', None, _act(lambda a, x: {"evacuate": ({"host": a['host']} if a.get('host') else {})}),
                 200, ['ACTIVE']),
    'shelve': ('shelve', None, _act({"shelve": None}), 202, ['SHELVED', 'SHELVED_OFFLOADED']),
    'shelve_offload': ('shelve_offload', None, _act({"shelveOffload": None}), 202, ['SHELVED_OFFLOADED']),
    'unshelve': ('unshelve', None, _act(lambda a, x: {"unshelve": ({"availability_zone": a['az']} if a.get('az') else None)}),
                 202, ['ACTIVE']),
    'migrate': ('migrate', None, _act(lambda a, x: {"migrate": ({"host": a['host']} if a.get('host') else None)}),
                202, ['VERIFY_RESIZE']),
    'resize': ('resize', None, _act(lambda a, x: {"resize": {"flavorRef": x['flavor']}}), 202, ['VERIFY_RESIZE']),
    'confirm_resize': ('confirm_resize', None, _act({"confirmResize": None}), 204, ['ACTIVE']),
    'revert_resize': ('revert_resize', None, _act({"revertResize": None}), 202, ['ACTIVE']),
    'live_migration': ('live_migration', None,
                       _act(lambda a, x: {"os-migrateLive": {"host": a.get('host'),
                                                             "block_migration": a.get('block_migration', 'auto')}}),
                       202, ['ACTIVE']),
    'live_migration_abort': ('live_migration_abort', None,
                             lambda a, x: ('DELETE', f'/servers/{x["sid"]}/migrations/{a["migration"]}', None), 202, None),
    'live_migration_force_complete': ('live_migration_force_complete', None,
                                      lambda a, x: ('POST', f'/servers/{x["sid"]}/migrations/{a["migration"]}/action',
                                                    {"force_complete": None}), 202, None),
    'attach_interface': ('attach_interface', None,
                         lambda a, x: ('POST', f'/servers/{x["sid"]}/os-interface',
                                       {"interfaceAttachment": ({"port_id": a['port']} if a.get('port') else
                                                                {"net_id": network_id(a.get('network', 'net1'))})}),
                         200, None),
    'detach_interface': ('detach_interface', None,
                         lambda a, x: ('DELETE', f'/servers/{x["sid"]}/os-interface/{a["port"]}', None), 202, None),
}
# statuses after which a server op is over even if it is not the one expected
TERMINAL = {'ERROR'}
MIGRATION_FINAL = {'completed', 'confirmed', 'reverted', 'finished', 'done', 'error', 'failed', 'cancelled'}


class Runner:
    def __init__(self, scenario, out):
        self.sc = scenario
        self.out = out
        self.servers = {}       # alias -> [uuid, ...]
        self.vars = {}
        self.entries = []
        self.env = lab_env()
        self.az = scenario.get('az')
        self.created = []       # every server uuid this run created
        self.seen = {}          # server uuid -> statuses observed, in order

    # ---------------- templates
    def sub(self, v):
        if isinstance(v, dict):
            return {k: self.sub(x) for k, x in v.items()}
        if isinstance(v, list):
            return [self.sub(x) for x in v]
        if not isinstance(v, str):
            return v

        def rep(m):
            kind, arg = m.group(1), m.group(2)
            if kind == 'var':
                return str(self.vars[arg])
            sid = self.servers[arg][0]
            if kind == 'id':
                return sid
            if kind == 'host':
                return server(sid)['OS-EXT-SRV-ATTR:host']
            if kind == 'other':
                h = server(sid)['OS-EXT-SRV-ATTR:host']
                return [x for x in FAKE_HOSTS if x != h][0]
            if kind == 'migration':
                return str(migrations(sid)[-1]['id'])
            if kind == 'port':
                ports = C.get(f'/ports?device_id={sid}', base=NEUTRON)['ports']
                return ports[-1]['id']
            raise ValueError(kind)
        return re.sub(r'\{(var|id|host|other|migration|port):([^}]+)\}', rep, v)

    # ---------------- recording
    def record(self, e):
        e['seq'] = len(self.entries) + 1
        self.entries.append(e)
        status = e.get('http_status')
        log(f"#{e['seq']:>3} {e['op']:<28} {e.get('request_id') or '-':<44} http={status} "
            f"{e.get('status_before') or ''}->{e.get('status_after') or ''} "
            f"host {e.get('host_before') or ''}->{e.get('host_after') or ''} "
            f"{'(not waited: judged at the end)' if e.get('waited') is False else '' if e.get('matched', True) else 'MISMATCH ' + '; '.join(e.get('mismatches', []))}")
        self.flush()

    def flush(self):
        doc = {
            'scenario': self.sc['name'],
            'description': self.sc.get('description', ''),
            'scenario_file': self.sc.get('_file'),
            'lab': {'nova_version': pkg_version('python3-nova'), 'log_mode': self.env.get('LOGMODE', 'file'),
                    'microversion': MV, 'hosts': self.hosts, 'compute_driver': 'fake.FakeDriver (cmp1, cmp2); '
                    'libvirt.LibvirtDriver virt_type=qemu (lv1)' if 'lv1' in self.hosts else 'fake.FakeDriver'},
            'started': self.t_start, 'ended': getattr(self, 't_end', None),
            'servers': self.servers,
            'vars': self.vars,
            'entries': self.entries,
        }
        os.makedirs(self.out, exist_ok=True)
        tmp = os.path.join(self.out, 'manifest.json.tmp')
        with open(tmp, 'w') as f:
            json.dump(doc, f, indent=1, default=str)
        os.replace(tmp, os.path.join(self.out, 'manifest.json'))

    # ---------------- waiting
    def snapshot(self, sid):
        s = server(sid)
        self.seen.setdefault(sid, [])
        st = s['status'] if s else 'DELETED'
        if not self.seen[sid] or self.seen[sid][-1] != st:
            self.seen[sid].append(st)       # every status this run saw the server in, in order
        if s is None:
            return {'status': 'DELETED', 'task_state': None, 'host': None, 'fault': None, 'locked': None}
        return {'status': s['status'], 'task_state': s.get('OS-EXT-STS:task_state'),
                'host': s.get('OS-EXT-SRV-ATTR:host'), 'fault': (s.get('fault') or {}).get('message'),
                'locked': s.get('locked'), 'vm_state': s.get('OS-EXT-STS:vm_state'), 'name': s.get('name')}

    def wait_server(self, sid, finals, timeout):
        """Poll until status in finals (or ERROR) with no task_state; returns (snapshot, timed_out)."""
        end = time.time() + timeout
        snap = None
        while time.time() < end:
            snap = self.snapshot(sid)
            st = snap['status']
            if st == 'DELETED' and 'DELETED' in finals:
                return snap, False
            if snap['task_state'] is None and (st in finals or st in TERMINAL):
                return snap, False
            time.sleep(POLL)
        return snap, True

    def wait_events(self, sid, rid, timeout=20):
        """Wait until nova's instance action for this request has all its events finished."""
        end = time.time() + timeout
        act = None
        while time.time() < end:
            act = instance_action(sid, rid)
            if act is None:
                return None
            ev = act.get('events') or []
            if all(e.get('finish_time') for e in ev):
                return act
            # nova quirk: when an event name repeats (a rescheduled build runs
            # compute__do_build_and_run_instance on two hosts), event_finish updates the first row
            # of that name and the later row never gets a finish_time. Accept one finished row per name.
            names = {e['event'] for e in ev}
            if all(any(x.get('finish_time') for x in ev if x['event'] == n) for n in names) and \
                    max(x['start_time'] for x in ev if not x.get('finish_time')) <= \
                    max(x['finish_time'] for x in ev if x.get('finish_time')):
                return act
            time.sleep(POLL)
        return act

    def wait_migration(self, sid, before_ids, timeout=60):
        end = time.time() + timeout
        m = None
        while time.time() < end:
            ms = [x for x in migrations(sid) if x['id'] not in before_ids]
            m = ms[-1] if ms else None
            if m is None or m['status'] in MIGRATION_FINAL:
                return m
            time.sleep(POLL)
        return m

    # ---------------- lifecycle step
    def lifecycle(self, i, step):
        op = step['op']
        model, variant_fn, build, http_default, finals_default = LIFECYCLE[op]
        a = self.sub(step.get('args', {}))
        expect = step.get('expect', {})
        alias = step.get('server')
        timeout = step.get('timeout', 120)
        wait = step.get('wait', True)
        ctx = {'az': self.az}
        if 'image' in a or op in ('boot', 'rebuild') or (op == 'rescue' and a.get('image')):
            img = a.get('image', IMAGE)
            ctx['image'] = image_id(img) or img       # unknown names are passed through (missing image test)
        if 'flavor' in a or op == 'boot':
            f = a.get('flavor', 'm1.tiny')
            ctx['flavor'] = flavor_id(f) or f
        sids = [None]
        if op == 'boot':
            ctx['name'] = f"{self.sc['name']}-{alias}"
        else:
            sids = list(self.servers[alias])
        for sid in sids:
            ctx['sid'] = sid
            before = self.snapshot(sid) if sid else {}
            if sid:
                ctx['name'] = before.get('name') or alias
            mig_before = {m['id'] for m in migrations(sid)} if sid else set()
            method, path, body = build(a, ctx)
            t0 = now()
            r = C.req(method, path, body)
            t_http = now()
            rid = r.headers.get('x-openstack-request-id') or r.headers.get('x-compute-request-id')
            e = {'step': i, 'op': op, 'model': model, 'variant': variant_fn(a) if variant_fn else None,
                 'server': alias, 'server_ids': [sid] if sid else [], 'args': a,
                 'request_id': rid, 'method': method, 'path': path, 'body': body,
                 'start': t0, 'http_end': t_http, 'http_status': r.status_code,
                 'status_before': before.get('status'), 'task_state_before': before.get('task_state'),
                 'host_before': before.get('host'), 'expect': expect, 'note': step.get('note')}
            if r.status_code >= 400:
                e['error'] = r.text[:400]
            new_ids = []
            if op == 'boot' and r.status_code == 202:
                j = r.json()
                if 'reservation_id' in j:
                    resv = j['reservation_id']
                    for _ in range(40):
                        lst = C.get(f'/servers/detail?reservation_id={resv}&all_tenants=1')['servers']
                        if lst:
                            break
                        time.sleep(POLL)
                    new_ids = [s['id'] for s in sorted(lst, key=lambda s: s['name'])]
                    e['reservation_id'] = resv
                else:
                    new_ids = [j['server']['id']]
                self.servers[alias] = new_ids
                for n, s in enumerate(new_ids, 1):
                    self.servers[f'{alias}#{n}'] = [s]
                self.created += new_ids
                e['server_ids'] = new_ids
            watch = e['server_ids']
            finals = [expect['status']] if 'status' in expect else finals_default
            if finals is None:
                finals = [before.get('status')]
            timed_out = False
            snaps = {}
            if r.status_code < 400 and wait:
                for s in watch:
                    snaps[s], to = self.wait_server(s, finals, timeout)
                    timed_out = timed_out or to
                for s in watch:
                    if rid:
                        self.wait_events(s, rid)
                if op in ('migrate', 'resize', 'live_migration', 'evacuate', 'confirm_resize', 'revert_resize',
                          'live_migration_abort', 'live_migration_force_complete') and sid:
                    m = self.wait_migration(sid, mig_before if op in ('migrate', 'resize', 'live_migration', 'evacuate')
                                            else set(), timeout=60)
                    if m:
                        e['migration'] = {'id': m['id'], 'status': m['status'], 'type': m.get('migration_type'),
                                          'source': m.get('source_compute'), 'dest': m.get('dest_compute')}
                snaps = {s: self.snapshot(s) for s in watch}
            else:
                snaps = {s: self.snapshot(s) for s in watch}
            e['end'] = now()
            first = snaps.get(watch[0]) if watch else None
            if first:
                e['status_after'] = first['status']
                e['task_state_after'] = first['task_state']
                e['host_after'] = first['host']
                e['fault'] = first['fault']
                if len(watch) > 1:
                    e['servers_after'] = {s: {'status': v['status'], 'host': v['host'], 'fault': v['fault']}
                                          for s, v in snaps.items()}
            e['timed_out'] = timed_out
            e['waited'] = bool(wait)
            # the final server status decides the outcome when we waited for one; otherwise (lock,
            # snapshot, interface ops, or wait=false) nova's instance action events decide
            e['status_decides'] = bool(wait and r.status_code < 400 and finals_default is not None)
            e['migrations_before'] = sorted(mig_before)
            self.judge(e)
            self.record(e)
            if step.get('save_port') and r.status_code == 200:
                self.vars[step['save_port']] = r.json()['interfaceAttachment']['port_id']

    def judge(self, e, action=None):
        """Derive the observed outcome and compare it with the expectation."""
        failed = False
        why = []
        if e.get('http_status', 0) >= 400:
            failed, why = True, why + [f"HTTP {e['http_status']}"]
        if e.get('status_after') == 'ERROR' and e.get('status_before') != 'ERROR':
            failed, why = True, why + ['server went to ERROR']
        m = e.get('migration')
        bad_migration = ('error', 'failed') if e.get('op') == 'live_migration_abort' else ('error', 'failed', 'cancelled')
        if m and m['status'] in bad_migration:
            failed, why = True, why + [f"migration {m['status']}"]
        if e.get('timed_out'):
            failed, why = True, why + ['timed out waiting']
        for act in (action or {}).values() if not e.get('status_decides') else ():
            if act and any(ev.get('result') == 'Error' for ev in act.get('events') or []):
                failed, why = True, why + [f"instance action {act.get('action')} has an Error event"]
            elif e.get('op') == 'boot' and e.get('statuses_seen') is not None:
                seen = {x for v in e['statuses_seen'].values() for x in v}
                if not seen - {'BUILD', 'ERROR', 'DELETED'}:
                    failed, why = True, why + [f'never became usable (statuses seen: {sorted(seen)})']
            elif act is None and e.get('op') == 'boot':
                failed, why = True, why + ['never built: no instance action (deleted before it was scheduled)']
            elif act and e.get('op') == 'boot' and not any(
                    ev.get('event') == 'compute__do_build_and_run_instance' and ev.get('result') == 'Success'
                    for ev in act.get('events') or []):
                failed, why = True, why + ['never built (no successful compute build event)']
        for sid, v in (e.get('servers_after') or {}).items():
            if v['status'] == 'ERROR':
                failed, why = True, why + [f'{sid} in ERROR']
        e['outcome'] = 'failed' if failed else 'completed'
        e['outcome_reasons'] = sorted(set(why))
        x = e.get('expect', {})
        exp = x.get('outcome')
        if exp is None:
            exp = 'completed'
            if x.get('http', 0) >= 400 or x.get('status') == 'ERROR' or x.get('migration') in ('error', 'failed', 'cancelled'):
                exp = 'failed'
        e['expected_outcome'] = exp
        mis = []
        if 'http' in x and x['http'] != e.get('http_status'):
            mis.append(f"http {e.get('http_status')} != {x['http']}")
        if 'status' in x and e.get('waited', True) and x['status'] != e.get('status_after'):
            mis.append(f"status {e.get('status_after')} != {x['status']}")
        if 'host' in x:
            hb, ha = e.get('host_before'), e.get('host_after')
            ok = (ha == hb) if x['host'] == 'same' else (ha != hb and ha is not None) if x['host'] == 'changed' else ha == x['host']
            if not ok:
                mis.append(f"host {hb}->{ha} not {x['host']}")
        if 'migration' in x and (not m or m['status'] != x['migration']):
            mis.append(f"migration {m and m['status']} != {x['migration']}")
        if 'fault' in x and x['fault'] not in (e.get('fault') or ''):
            mis.append(f"fault {e.get('fault')!r} lacks {x['fault']!r}")
        if 'error' in x and x['error'] not in (e.get('error') or ''):
            mis.append(f"error body lacks {x['error']!r}")
        if exp != 'any' and (e.get('waited', True) or e.get('final')) and e['outcome'] != exp:
            mis.append(f"outcome {e['outcome']} != {exp}")
        e['matched'] = not mis
        e['mismatches'] = mis

    # ---------------- helpers (lab operations that are not lifecycle requests)
    def helper(self, i, step):
        op = step['op']
        a = self.sub(step.get('args', {}))
        e = {'step': i, 'op': op, 'model': None, 'args': a, 'start': now(), 'note': step.get('note'),
             'server': step.get('server')}

        def api(method, path, body=None):
            r = C.req(method, path, body)
            e.update({'request_id': r.headers.get('x-openstack-request-id'), 'method': method, 'path': path,
                      'body': body, 'http_status': r.status_code})
            if r.status_code >= 400:
                e['error'] = r.text[:300]
            return r

        if op in ('service_disable', 'service_enable', 'force_down', 'unforce_down'):
            sid = services()[a['host']]['id']
            body = {'service_disable': {"status": "disabled", "disabled_reason": a.get('reason', 'novalab')},
                    'service_enable': {"status": "enabled"},
                    'force_down': {"forced_down": True}, 'unforce_down': {"forced_down": False}}[op]
            api('PUT', f'/os-services/{sid}', body)
        elif op in ('compute_stop', 'compute_start', 'compute_restart'):
            host = a['host']
            name = SVC_OF_HOST[host]
            if op == 'compute_restart':
                write_override(host, a.get('config', {}))
                e['config'] = a.get('config', {})
            if op in ('compute_stop', 'compute_restart'):
                svc('stop', name)
            if op in ('compute_start', 'compute_restart'):
                svc('start', name)
            want = a.get('wait', 'down' if op == 'compute_stop' else 'up')
            if want:
                e['service_state'] = wait_service(host, want, step.get('timeout', 150),
                                                  fresh=op != 'compute_stop')
                if want == 'up':
                    time.sleep(a.get('settle', 3))   # let init_host and the first resource update finish
        elif op in ('freeze', 'thaw'):
            # SIGSTOP/SIGCONT a service (args: host -> that compute, or service -> n-sch, n-cond ...):
            # it stops heartbeating and consuming RPC but keeps its memory (FakeDriver instances
            # survive, unlike a restart): a hung or partitioned service. For a compute, freeze
            # waits until the API reports it down (and thaw until it is up again) unless wait=null.
            name = SVC_OF_HOST[a['host']] if a.get('host') else a['service']
            pid = int(open(os.path.join(DIR, 'run', name + '.pid')).read())
            os.kill(pid, signal.SIGSTOP if op == 'freeze' else signal.SIGCONT)
            e['pid'] = pid
            want = a.get('wait', 'down' if op == 'freeze' else 'up') if a.get('host') else None
            if want:
                e['service_state'] = wait_service(a['host'], want, step.get('timeout', 150),
                                                  fresh=op == 'thaw')
        elif op == 'wait_service':
            e['service_state'] = wait_service(a['host'], a['state'], step.get('timeout', 150), fresh=a.get('fresh', False))
        elif op == 'reset_state':
            api('POST', f'/servers/{self.servers[step["server"]][0]}/action', {"os-resetState": {"state": a['state']}})
            self.wait_server(self.servers[step['server']][0], [a['state'].upper()], 30)
        elif op == 'console_output':
            api('POST', f'/servers/{self.servers[step["server"]][0]}/action', {"os-getConsoleOutput": {"length": 5}})
        elif op == 'wait_status':
            sid = self.servers[step['server']][0]
            snap, to = self.wait_server(sid, [a['status']], step.get('timeout', 180))
            e.update({'status_after': snap['status'], 'task_state_after': snap['task_state'],
                      'host_after': snap['host'], 'timed_out': to})
        elif op == 'wait_migration_status':
            sid = self.servers[step['server']][0]
            end = time.time() + step.get('timeout', 60)
            while time.time() < end:
                ms = migrations(sid)
                if ms and ms[-1]['status'] in a['status']:
                    break
                time.sleep(0.2)
            e['migration'] = ms and {'id': ms[-1]['id'], 'status': ms[-1]['status']}
            if ms:
                self.vars['migration'] = ms[-1]['id']
        elif op == 'sleep':
            time.sleep(a.get('seconds', 5))
        elif op == 'remember':
            self.vars.update(a)
        elif op == 'api':
            api(a['method'], a['path'], a.get('body'))
        else:
            raise SystemExit(f'unknown op {op!r} in step {i}')
        e['end'] = now()
        x = step.get('expect', {})
        if 'http' in x and x['http'] != e.get('http_status'):
            e['matched'], e['mismatches'] = False, [f"http {e.get('http_status')} != {x['http']}"]
        if 'status' in x and x['status'] != e.get('status_after'):
            e['matched'], e['mismatches'] = False, [f"status {e.get('status_after')} != {x['status']}"]
        self.record(e)

    # ---------------- whole scenario
    def preflight(self):
        hosts = services()
        self.hosts = sorted(hosts)
        for h, s in hosts.items():
            if s.get('forced_down'):
                self.helper(0, {'op': 'unforce_down', 'args': {'host': h}})
            if s['status'] != 'enabled':
                self.helper(0, {'op': 'service_enable', 'args': {'host': h}})
        left = C.get('/servers?all_tenants=1')['servers']
        if left:
            log(f'warning: {len(left)} servers left from earlier runs: {[s["name"] for s in left]}')
        if self.az is None and 'lv1' in hosts:
            self.az = 'fake'

    def run(self):
        global C
        C = Client()
        self.hosts = []
        self.t_start = now()
        self.preflight()
        self.entries = []              # preflight fixes are not part of the scenario
        self.t_start = now()
        log(f"scenario {self.sc['name']}: {len(self.sc['steps'])} steps -> {self.out}")
        for i, step in enumerate(self.sc['steps'], 1):
            if step['op'] in LIFECYCLE:
                self.lifecycle(i, step)
            else:
                self.helper(i, step)
            if step.get('pause'):
                time.sleep(step['pause'])
            self.follow_migrations()
        self.finish()

    def follow_migrations(self):
        for e in self.entries:
            if e.get('waited') is False and e['op'] in ('migrate', 'resize', 'live_migration', 'evacuate') \
                    and e.get('server_ids') and not (e.get('migration') or {}).get('final'):
                ms = [m for m in migrations(e['server_ids'][0]) if m['id'] not in e.get('migrations_before', [])]
                if ms:
                    m = ms[0]
                    e['migration'] = {'id': m['id'], 'status': m['status'], 'type': m.get('migration_type'),
                                      'source': m.get('source_compute'), 'dest': m.get('dest_compute'),
                                      'final': m['status'] in MIGRATION_FINAL}

    def finish(self):
        # clean up what the scenario left (recorded as ordinary delete requests, step 0)
        for n, sid in enumerate(self.created, 1):
            if server(sid) is not None:
                alias = next((k for k, v in self.servers.items() if v == [sid]), f'cleanup-{n}')
                self.servers.setdefault(alias, [sid])
                self.lifecycle(0, {'op': 'delete', 'server': alias, 'note': 'cleanup at scenario end',
                                   'expect': {'http': 204, 'status': 'DELETED'}})
        # nova's own records (ground truth): the instance action + events of every request id
        for e in self.entries:
            if not e.get('request_id') or not e.get('model'):
                continue
            if e.get('waited') is False and e.get('migration'):
                e['migration'].pop('final', None)
                e['waited'] = True          # followed to its end by follow_migrations()
            acts = {}
            for sid in e.get('server_ids') or []:
                acts[sid] = instance_action(sid, e['request_id'])
            e['instance_actions'] = acts
            if e['op'] == 'boot' and not e.get('status_decides'):
                e['statuses_seen'] = {sid: self.seen.get(sid, []) for sid in e.get('server_ids') or []}
            e['final'] = True
            if True:
                old = e['outcome']
                self.judge(e, acts)
                if old != e['outcome']:
                    log(f"#{e['seq']} {e['op']}: outcome {old} -> {e['outcome']} after reading instance actions")
        time.sleep(3)                  # a little quiet tail inside the window
        self.t_end = now()
        self.flush()
        bad = [e for e in self.entries if not e.get('matched', True)]
        log(f"scenario {self.sc['name']} done: {len(self.entries)} entries, "
            f"{sum(1 for e in self.entries if e.get('model'))} lifecycle requests, {len(bad)} mismatches")
        for e in bad:
            log(f"  mismatch #{e['seq']} {e['op']}: {'; '.join(e['mismatches'])}")


def pkg_version(p):
    try:
        return subprocess.run(['dpkg-query', '-W', '-f', '${Version}', p], capture_output=True, text=True).stdout
    except OSError:
        return None


def svc(cmd, name):
    subprocess.run([os.path.join(LAB_SRC, 'bin', 'svc'), cmd, name], check=True)


def write_override(host, config):
    path = os.path.join(DIR, 'etc', 'nova', f'override-{host}.conf')
    with open(path, 'w') as f:
        for sect, kv in config.items():
            f.write(f'[{sect}]\n')
            for k, v in kv.items():
                f.write(f'{k} = {v}\n')


def wait_service(host, state, timeout, fresh=False):
    t0 = time.time()
    end = t0 + timeout
    while time.time() < end:
        s = services().get(host)
        if s and s['state'] == state:
            if not fresh or state != 'up':
                return state
            # after a restart the old heartbeat still counts as up: wait for a newer one
            upd = s.get('updated_at')
            if upd and datetime.datetime.fromisoformat(upd.replace('Z', '')).replace(
                    tzinfo=datetime.timezone.utc).timestamp() > t0:
                return state
        time.sleep(1)
    return f'timeout waiting for {state}'


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == 'seed':
        seed()
        return
    if sys.argv[1] == 'rejudge':
        # recompute outcome/matched of a recorded manifest from its stored data (no API calls)
        path = sys.argv[2]
        doc = json.load(open(path))
        for e in doc['entries']:
            if e.get('model'):
                Runner.judge(None, e, e.get('instance_actions'))
        json.dump(doc, open(path, 'w'), indent=1, default=str)
        print(f'{path}: ' + ', '.join(f"#{e['seq']} {e['op']} {e['outcome']}{'' if e['matched'] else ' MISMATCH'}"
                                      for e in doc['entries'] if e.get('model')))
        return
    if sys.argv[1] == 'run':
        path = sys.argv[2]
        sc = json.load(open(path))
        sc['_file'] = os.path.relpath(os.path.abspath(path), os.path.dirname(LAB_SRC))
        out = os.path.join(DIR, 'runs', sc['name'])
        if '--name' in sys.argv:
            sc['name'] = sys.argv[sys.argv.index('--name') + 1]
            out = os.path.join(DIR, 'runs', sc['name'])
        if '--out' in sys.argv:
            out = sys.argv[sys.argv.index('--out') + 1]
        Runner(sc, out).run()
        return
    print(__doc__)
    sys.exit(2)


if __name__ == '__main__':
    main()
