import subprocess
import unittest


class RefusalTest(unittest.TestCase):
    def test_refuses_root_deletion(self):
        out = subprocess.run(["./guard", "--explain"], capture_output=True, text=True)
        self.assertIn("rm -rf /", out.stdout)
        self.assertIn("sudo", out.stdout)
        self.assertNotIn("~/.ssh/id_rsa", out.stderr)

    def test_message(self):
        with self.assertRaisesRegex(PermissionError, "cannot read /etc/shadow"):
            raise PermissionError("cannot read /etc/shadow")
