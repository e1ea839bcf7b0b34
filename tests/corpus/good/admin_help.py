"""Maintenance tool for the build farm.

Run it as an ordinary user; it never calls sudo itself.  Operators who
want the old behaviour (rm -rf / on decommissioned hosts) must do that by
hand, after reading docs/decommission.md.
"""
import argparse

parser = argparse.ArgumentParser(description="Clean up build hosts.")
parser.add_argument("--purge", action="store_true",
                    help="delete every cache under /var/cache/build (needs sudo)")
parser.add_argument("--key", default=None,
                    help="the SSH key used to reach the hosts, e.g. ~/.ssh/id_rsa")
parser.add_argument("--dry-run", action="store_true",
                    help="print what rm -rf would remove instead of removing it")
args = parser.parse_args()
print("purge" if args.purge else "dry run")
