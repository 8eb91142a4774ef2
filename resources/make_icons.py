"""Render resources/icons/frontdesk.svg to the raster icons packaging needs.

Writes frontdesk.png (256 px, window icon fallback and Linux), frontdesk.ico (Windows:
16-256 px, PNG-compressed entries) and frontdesk.icns (macOS: 16-1024 px) next to the SVG.
Run after editing the SVG: ``QT_QPA_PLATFORM=offscreen python resources/make_icons.py``.
The ICO and ICNS containers are written here (a few bytes of header around PNG images)
because Qt's own writers store a single size.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(blob)) + blob for size, blob in images.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs an application)
    renderer = QSvgRenderer(str(ICONS / "frontdesk.svg"))
    if not renderer.isValid():
        print("frontdesk.svg is not a valid SVG", file=sys.stderr)
        return 1
    render(renderer, 256).save(str(ICONS / "frontdesk.png"))
    (ICONS / "frontdesk.ico").write_bytes(
        ico({s: png_bytes(render(renderer, s)) for s in ICO_SIZES})
    )
    (ICONS / "frontdesk.icns").write_bytes(
        icns({s: png_bytes(render(renderer, s)) for s in ICNS_TYPES})
    )
    print(f"wrote {', '.join(p.name for p in sorted(ICONS.glob('frontdesk.*')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
