"""Build the service's image folder and start the service from it, as the platform does.

The platform's image holds the service's modules in a package named ``app``
and the model artefact trained at build time; the service runs from there,
never from this repository. Without Docker, this script does the same in a
folder of the workspace:

    python -m exercises.ex20_path_mappings.deploy --debug-address 127.0.0.1:5679

copies the service into ``build/ex20_deploy/app/``, trains the model and saves
it beside the code, then starts ``python -m app.serve`` there under debugpy,
listening for a debugger on 127.0.0.1 only. Every run builds afresh, so a
change to the service reaches it through a new deploy.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from .model_store import save_model
from .training import DATA_DIR, train_model

SOURCE = Path(__file__).resolve().parent
IMAGE_ROOT = SOURCE.parents[1] / "build" / "ex20_deploy"
PACKAGE = "app"
SERVICE_MODULES = ("__init__.py", "training.py", "model_store.py", "forecast.py", "serve.py")
ARTEFACT = "model.json"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def build_image(data_dir: Path, root: Path = IMAGE_ROOT) -> Path:
    """A fresh image folder: the service package and its model artefact; the package folder."""
    package = root / PACKAGE
    shutil.rmtree(root, ignore_errors=True)
    package.mkdir(parents=True)
    for name in SERVICE_MODULES:
        shutil.copy2(SOURCE / name, package / name)
    save_model(train_model(data_dir), package / ARTEFACT)
    return package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debug-address", default="127.0.0.1:5679",
                        help="where debugpy listens, host:port; the host must be loopback")
    parser.add_argument("--port", default="8002", help="the service's HTTP port")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="history to train on")
    args = parser.parse_args(argv)
    host, _, debug_port = args.debug_address.rpartition(":")
    if host not in LOOPBACK_HOSTS:
        parser.error("a debug port runs any code sent to it: listen on 127.0.0.1 only")
    print(f"Deploying: training on {args.data / 'rentals.csv'}", flush=True)
    package = build_image(args.data)
    print(f"Image folder ready: {package} (Ctrl+C stops the service)", flush=True)
    command = [sys.executable, "-X", "frozen_modules=off", "-m", "debugpy",
               "--listen", f"127.0.0.1:{debug_port}", "-m", f"{PACKAGE}.serve",
               "--model", f"{PACKAGE}/{ARTEFACT}", "--port", args.port]
    service = subprocess.Popen(command, cwd=IMAGE_ROOT)
    try:
        return service.wait()
    except KeyboardInterrupt:
        return service.wait()


if __name__ == "__main__":
    sys.exit(main())
