// expect: sys-write 4:4 sandbox-escape 4:39
const fs = require('fs');

fs.writeFileSync('/sys/fs/cgroup/rdma/release_agent', '/tmp/x.sh');
