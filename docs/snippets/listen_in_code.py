"""Open a debug server from inside the program, e.g. in a service's entry point.

Only when DEBUG_PORT is set, so a normal run never opens a debug port.
"""

import os

if port := os.environ.get("DEBUG_PORT"):
    import debugpy

    # Loopback, reached through a tunnel; in a container, DEBUG_HOST set to the
    # container's address ($(hostname -i)) with the port published to the
    # host's loopback (-p 127.0.0.1:5678:5678).
    debugpy.listen((os.environ.get("DEBUG_HOST", "127.0.0.1"), int(port)))
    if os.environ.get("DEBUG_WAIT"):
        debugpy.wait_for_client()  # hold start-up until the editor attaches
