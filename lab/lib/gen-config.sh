#!/bin/bash
# Write every service config under $NOVALAB_DIR/etc. Run by `up` each time (configs are cheap,
# state is not). Passwords are the user names; everything listens on 127.0.0.1 only.
set -e
. "$(dirname "$0")/common.sh"
mkdir -p "$ETC"/{keystone,glance,placement,nova,neutron}

ksat() { # keystonemiddleware section for service user $1
cat <<EOF
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000/
auth_url = http://127.0.0.1:5000/
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $1
region_name = RegionOne
EOF
}
svcauth() { # keystoneauth section [$1] for service user $2
cat <<EOF
[$1]
auth_type = password
auth_url = http://127.0.0.1:5000/v3
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $2
region_name = RegionOne
EOF
}

cat > "$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
debug = True
log_file = $LOGS/keystone.log
[database]
connection = mysql+pymysql://keystone:keystone@127.0.0.1/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/keystone-fernet
[credential]
key_repository = $STATE/keystone-cred
EOF

{ cat <<EOF
[DEFAULT]
debug = True
log_file = $LOGS/glance-api.log
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
[database]
connection = mysql+pymysql://glance:glance@127.0.0.1/glance
[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $STATE/glance-images/
[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini
[oslo_concurrency]
lock_path = $STATE/locks
EOF
ksat glance; } > "$ETC/glance/glance-api.conf"
cp /etc/glance/glance-api-paste.ini "$ETC/glance/"

{ cat <<EOF
[DEFAULT]
debug = True
log_file = $LOGS/placement-api.log
[api]
auth_strategy = keystone
[placement_database]
connection = mysql+pymysql://placement:placement@127.0.0.1/placement
EOF
ksat placement; } > "$ETC/placement/placement.conf"

# ---------------------------------------------------------------- nova
{ cat <<EOF
[DEFAULT]
debug = True
my_ip = 127.0.0.1
host = ctl
state_path = $STATE/nova
transport_url = rabbit://guest:guest@127.0.0.1:5672/
compute_driver = fake.FakeDriver
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
# two FakeDriver hosts exist: moves go to the other one
allow_resize_to_same_host = False
# keep SHELVED and SHELVED_OFFLOADED as separate, explicit steps (a scenario can set 0 per compute)
shelved_offload_time = -1
# a stopped compute is reported down after 30 s instead of 60 (scenarios wait for it)
service_down_time = 30
[api]
auth_strategy = keystone
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[api_database]
connection = mysql+pymysql://nova:nova@127.0.0.1/nova_api
[database]
connection = mysql+pymysql://nova:nova@127.0.0.1/nova
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = -1
[oslo_concurrency]
lock_path = $STATE/locks
[vnc]
enabled = False
[glance]
region_name = RegionOne
EOF
ksat nova
svcauth placement placement
svcauth neutron neutron
echo "service_metadata_proxy = False"
} > "$ETC/nova/nova.conf"
cp /etc/nova/api-paste.ini "$ETC/nova/"
# computes get no DB credentials (as in a real deployment; with them nova-compute logs
# "No DB access allowed in nova-compute" at start): drop [database]/[api_database]
awk '/^\[/{skip=($0=="[database]"||$0=="[api_database]")} !skip' "$ETC/nova/nova.conf" > "$ETC/nova/nova-cpu.conf"
for h in cmp1 cmp2; do
  printf '[DEFAULT]\nhost = %s\nstate_path = %s\ninstances_path = %s\n' \
    $h "$STATE/nova-$h" "$STATE/nova-$h/instances" > "$ETC/nova/nova-$h.conf"
done
# third compute: the real libvirt driver, QEMU TCG (no /dev/kvm)
cat > "$ETC/nova/nova-lv1.conf" <<EOF
[DEFAULT]
host = lv1
compute_driver = libvirt.LibvirtDriver
state_path = $STATE/nova-lv1
instances_path = $STATE/nova-lv1/instances
# guests have no OS: don't wait 60 s for an ACPI shutdown that never happens
shutdown_timeout = 5
[libvirt]
virt_type = qemu
cpu_mode = none
connection_uri = qemu:///system
wait_soft_reboot_seconds = 10
EOF
# per-host override files: scenarios write settings here (compute_restart step) and restart
# that compute; `up` empties them
for h in cmp1 cmp2 lv1; do : > "$ETC/nova/override-$h.conf"; done

# journald shape: devstack's format strings (devstack/functions setup_systemd_logging), stderr
# instead of a log file; the launcher pipes stderr into systemd-cat. ESC is a real byte here.
E=$'\033'
cat > "$ETC/nova/nova-journal.conf" <<EOF
[DEFAULT]
use_stderr = True
log_color = False
logging_context_format_string = %(color)s%(levelname)s %(name)s [${E}[01;36m%(global_request_id)s %(request_id)s ${E}[00;36m%(project_name)s %(user_name)s%(color)s] ${E}[01;35m%(instance)s%(color)s%(message)s${E}[00m
logging_default_format_string = %(color)s%(levelname)s %(name)s [${E}[00;36m-%(color)s] ${E}[01;35m%(instance)s%(color)s%(message)s${E}[00m
logging_debug_format_suffix = ${E}[00;33m{{(pid=%(process)d) %(funcName)s %(pathname)s:%(lineno)d}}${E}[00m
logging_exception_prefix = ERROR %(name)s ${E}[01;35m%(instance)s${E}[00m
EOF

# ---------------------------------------------------------------- neutron
# API server only: ML2 with the openvswitch mechanism driver but no agents running. The lab
# inserts "alive" OVS agent rows for cmp1/cmp2 (agent_down_time is huge) so that ports on
# physnet1 bind (vif_type ovs) and interface attach/detach can run on the fake driver; ports on
# physnet2 (no bridge mapping) fail to bind -> PortBindingFailed.
{ cat <<EOF
[DEFAULT]
debug = True
log_file = $LOGS/neutron-server.log
bind_host = 127.0.0.1
bind_port = 9696
core_plugin = ml2
service_plugins =
auth_strategy = keystone
transport_url = rabbit://guest:guest@127.0.0.1:5672/
api_workers = 1
rpc_workers = 0
rpc_state_report_workers = 0
notify_nova_on_port_status_changes = False
notify_nova_on_port_data_changes = False
agent_down_time = 2000000
state_path = $STATE/neutron
[database]
connection = mysql+pymysql://neutron:neutron@127.0.0.1/neutron
[oslo_concurrency]
lock_path = $STATE/locks
[ml2]
type_drivers = flat
tenant_network_types =
mechanism_drivers = ${NOVALAB_NEUTRON_MECH-openvswitch}
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[securitygroup]
firewall_driver = noop
enable_security_group = True
EOF
ksat neutron
svcauth nova nova
} > "$ETC/neutron/neutron.conf"
cp /etc/neutron/api-paste.ini "$ETC/neutron/"
echo "configs written to $ETC"
