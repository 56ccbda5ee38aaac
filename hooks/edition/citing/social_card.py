"""The static image of the Open Graph and Twitter cards, drawn at build time with Pillow
from CITATION.cff's title and authors (no social plugin: it needs the internet)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
CARD_PATH = "assets/kartu-sosial.png"  # below the site; og:image points here (edition.citing.head_metadata)


def draw_card(article: dict) -> Image.Image:
    image = Image.new("RGB", SIZE, (40, 53, 147))
    draw = ImageDraw.Draw(image)
    try:
        title_font = ImageFont.load_default(size=52)
        small = ImageFont.load_default(size=30)
    except TypeError as exc:  # Pillow without FreeType
        raise PluginError("hooks/edition/citing/social_card.py: Pillow needs FreeType to draw the card") from exc
    y = 70
    draw.text((70, y), "EDISI WEB", font=small, fill=(197, 202, 233))
    y += 70
    for line in textwrap.wrap(article["title"], width=38)[:6]:
        draw.text((70, y), line, font=title_font, fill=(255, 255, 255))
        y += 66
    names = " & ".join(a["name"] for a in article["authors"])
    draw.text((70, SIZE[1] - 120), names, font=small, fill=(255, 255, 255))
    draw.text((70, SIZE[1] - 75), "Universitas Islam Riau", font=small, fill=(197, 202, 233))
    return image


def write_card(site_dir: Path, article: dict) -> None:
    """Draw the card into the built site."""
    target = site_dir / CARD_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    draw_card(article).save(target, optimize=True)


def card_title(record: dict) -> str:
    """The title the card shows, for its alt text: the original's (one card serves both languages)."""
    return record["original"]["title"] if record["original"] else record["title"]
