"""Draw Planbot's Teams icons: color.png (192x192) and outline.png (32x32, white on transparent).

Run: `python teams/make_icons.py` (needs Pillow). The images are shapes only, no fonts,
so the output is identical on every machine.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (10, 94, 168, 255)
WHITE = (255, 255, 255, 255)


def _bubble(draw: ImageDraw.ImageDraw, scale: float, fill: tuple[int, ...] | None, width: int) -> None:
    """A speech bubble with three text lines, on a 32-unit grid scaled by `scale`."""

    def s(*values: float) -> list[float]:
        return [v * scale for v in values]

    draw.rounded_rectangle(s(4, 5, 28, 22), radius=4 * scale, fill=fill, outline=WHITE, width=width)
    draw.polygon(s(9, 21.5, 9, 28, 15, 21.5), fill=WHITE)
    line_colour = ACCENT if fill else WHITE
    for y, right in ((10, 23), (13.5, 23), (17, 18)):
        draw.rounded_rectangle(s(9, y - 0.9, right, y + 0.9), radius=0.9 * scale, fill=line_colour)


def make_color(path: Path) -> None:
    """192x192 full-colour icon: white bubble on the accent colour."""
    size = 192
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=36, fill=ACCENT)
    _bubble(draw, size / 32, WHITE, 1)
    image.save(path, optimize=True)


def make_outline(path: Path) -> None:
    """32x32 outline icon: only white pixels on a transparent background, as Teams requires."""
    image = Image.new("RGBA", (32, 32), (255, 255, 255, 0))
    _bubble(ImageDraw.Draw(image), 1, None, 2)
    image.save(path, optimize=True)


def main() -> None:
    """Write both icons next to this script."""
    make_color(HERE / "color.png")
    make_outline(HERE / "outline.png")


if __name__ == "__main__":
    main()
