// Which operations run, how often, on instances in which state, and how often they fail.
import { weightTable } from './rng.mjs';
import { boot } from './ops-build.mjs';
import { del, lockAction, reboot, rejected, simpleAction, start, stop } from './ops-power.mjs';
import { evacuate, rebuild, shelve, shelveOffload, snapshot, unshelve } from './ops-image.mjs';
import { confirmResize, liveMigration, resize, revertResize } from './ops-move.mjs';
import { attachInterface, attachVolume, detachInterface, detachVolume } from './ops-attach.mjs';

/**
 * kind → { weight, from: vm_states it applies to, run, fail: [[p, variant]…], variants?: [[w, v]…] }.
 * Weights are relative arrival rates; boots roughly balance deletes so the instance count stays level.
 */
export const CATALOGUE = {
  boot: { weight: 15, from: null, run: boot, fail: [[0.02, 'no_valid_host'], [0.02, 'reschedule']] },
  delete: { weight: 13, from: ['active', 'stopped', 'error', 'shelved_offloaded', 'paused'], run: del, fail: [[0.01, 'error']] },
  stop: { weight: 6, from: ['active'], run: stop },
  start: { weight: 6, from: ['stopped'], run: start },
  reboot: { weight: 6, from: ['active'], run: reboot, fail: [[0.02, 'error']], variants: [[65, 'soft'], [35, 'hard']] },
  pause: { weight: 1.5, from: ['active'], run: simpleAction('pause') },
  unpause: { weight: 1.5, from: ['paused'], run: simpleAction('unpause') },
  suspend: { weight: 1.5, from: ['active'], run: simpleAction('suspend') },
  resume: { weight: 1.5, from: ['suspended'], run: simpleAction('resume') },
  rescue: { weight: 1, from: ['active'], run: simpleAction('rescue') },
  unrescue: { weight: 1, from: ['rescued'], run: simpleAction('unrescue') },
  snapshot: { weight: 6, from: ['active'], run: snapshot('snapshot'), fail: [[0.03, 'upload']] },
  backup: { weight: 1.5, from: ['active'], run: snapshot('backup'), fail: [[0.03, 'upload']] },
  rebuild: { weight: 2, from: ['active'], run: rebuild },
  evacuate: { weight: 0.5, from: ['active'], run: evacuate, fail: [[0.05, 'no_valid_host']] },
  shelve: { weight: 2, from: ['active'], run: shelve },
  shelve_offload: { weight: 0.5, from: ['shelved'], run: shelveOffload },
  unshelve: { weight: 2.5, from: ['shelved_offloaded'], run: unshelve, fail: [[0.03, 'no_valid_host']] },
  resize: { weight: 3, from: ['active'], run: resize('resize'), fail: [[0.04, 'no_valid_host']] },
  migrate: { weight: 2, from: ['active'], run: resize('migrate'), fail: [[0.04, 'no_valid_host']] },
  confirm_resize: { weight: 4, from: ['resized'], run: confirmResize },
  revert_resize: { weight: 1, from: ['resized'], run: revertResize },
  live_migration: { weight: 6, from: ['active'], run: liveMigration, fail: [[0.05, 'libvirt']] },
  lock: { weight: 1, from: ['active'], run: lockAction('lock') },
  unlock: { weight: 1, from: ['active'], run: lockAction('unlock') },
  attach_volume: { weight: 3, from: ['active'], run: attachVolume },
  detach_volume: { weight: 2.5, from: ['active'], run: detachVolume },
  attach_interface: { weight: 1, from: ['active'], run: attachInterface },
  detach_interface: { weight: 1, from: ['active'], run: detachInterface },
  rejected_pause: { weight: 0.4, from: ['stopped'], run: rejected, reported: 'pause' },
};

export const KINDS = weightTable(Object.entries(CATALOGUE).map(([k, v]) => [v.weight, k]));
for (const v of Object.values(CATALOGUE)) if (v.variants) v.variantTable = weightTable(v.variants);
