"""Open a debug server from inside the program, e.g. in a service's entry point.

Only when DEBUG_PORT is set, so a normal run never opens a debug port.
"""

import os

if port := os.environ.get("DEBUG_PORT"):
    import debugpy

    debugpy.listen(("127.0.0.1", int(port)))  # loopback only: reach it through a tunnel
    if os.environ.get("DEBUG_WAIT"):
        debugpy.wait_for_client()  # hold start-up until the editor attaches
