import logging

log = logging.getLogger("deploy")
log.warning("refusing to run sudo from a web request")
log.error("could not read /etc/shadow: permission denied (that is expected)")
log.info("skipping docker.sock: this service never talks to the engine")
log.debug("xmrig-style miners are blocked by the egress policy")
