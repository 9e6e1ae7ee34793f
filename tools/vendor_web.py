"""Vendor the dashboard's front-end libraries: `npm ci` in web/ (versions pinned by
web/package-lock.json), then copy the distribution files the page loads into
src/eventwatch/web/static/vendor/ (gitignored; built at install time, never fetched at run time).

    python3 tools/vendor_web.py            # what `make install` runs
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = ROOT / "web"
MODULES = NPM_DIR / "node_modules"
VENDOR = ROOT / "src" / "eventwatch" / "web" / "static" / "vendor"

# source under node_modules -> destination under static/vendor
FILES = {
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images": "leaflet/images",
    "leaflet/LICENSE": "leaflet/LICENSE",
    "leaflet.markercluster/dist/leaflet.markercluster.js": "markercluster/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css": "markercluster/MarkerCluster.css",
    "leaflet.markercluster/dist/MarkerCluster.Default.css": "markercluster/MarkerCluster.Default.css",
    "leaflet.markercluster/MIT-LICENCE.txt": "markercluster/LICENSE",
    "topojson-client/dist/topojson-client.min.js": "topojson-client/topojson-client.min.js",
    "topojson-client/LICENSE": "topojson-client/LICENSE",
    "uplot/dist/uPlot.iife.min.js": "uplot/uPlot.iife.min.js",
    "uplot/dist/uPlot.min.css": "uplot/uPlot.min.css",
    "uplot/LICENSE": "uplot/LICENSE",
    "world-atlas/countries-50m.json": "world-atlas/countries-50m.json",
    "world-atlas/LICENSE": "world-atlas/LICENSE",
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui/swagger-ui.css",
    "swagger-ui-dist/LICENSE": "swagger-ui/LICENSE",
}


def install() -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("Error: npm is needed to vendor the dashboard's libraries (install Node.js 18+)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NPM_DIR, check=True)


def copy() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for source, target in FILES.items():
        src, dst = MODULES / source, VENDOR / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)


def main() -> None:
    install()
    copy()
    print(f"vendored {len(FILES)} front-end files into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
