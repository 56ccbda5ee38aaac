"""The static image of the Open Graph and Twitter cards, drawn at build time with Pillow
from CITATION.cff's title, authors and their institution (no social plugin: it needs the internet).
One card serves both languages: the original's, labelled with its language's word for the edition."""

from __future__ import annotations

import inspect
import io
import textwrap
from pathlib import Path

import PIL
from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

from edition import pages
from edition.citing.article import Article
from edition.citing.record import Work
from edition.kept import Kept, fingerprint, kept_bytes_on_disk

SIZE = (1200, 630)


def institutions(article: Article) -> str:
    """The authors' institutions, each once: the last part of each affiliation ("..., Universitas Islam Riau")."""
    found = [author.affiliation.rsplit(",", 1)[-1].strip() for author in article.authors if author.affiliation]
    return " & ".join(dict.fromkeys(found))


def draw_card(article: Article, label: str) -> Image.Image:
    """The card: ``label`` (what the edition is, in the original's language), the title, authors, institutions."""
    image = Image.new("RGB", SIZE, (40, 53, 147))
    draw = ImageDraw.Draw(image)
    try:
        title_font = ImageFont.load_default(size=52)
        small = ImageFont.load_default(size=30)
    except TypeError as exc:  # Pillow without FreeType
        raise PluginError("hooks/edition/citing/social_card.py: Pillow needs FreeType to draw the card") from exc
    y = 70
    draw.text((70, y), label.upper(), font=small, fill=(197, 202, 233))
    y += 70
    for line in textwrap.wrap(article.title, width=38)[:6]:
        draw.text((70, y), line, font=title_font, fill=(255, 255, 255))
        y += 66
    names = " & ".join(a.name for a in article.authors)
    draw.text((70, SIZE[1] - 120), names, font=small, fill=(255, 255, 255))
    draw.text((70, SIZE[1] - 75), institutions(article), font=small, fill=(197, 202, 233))
    return image


def card_png(article: Article, label: str) -> bytes:
    """The card as a PNG file's bytes."""
    out = io.BytesIO()
    draw_card(article, label).save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_card(site_dir: Path, article: Article, label: str, kept: Kept | None = None,
               cache_dir: Path | None = None) -> None:
    """Draw the card into the built site (``label``: the original's word for the edition, strings' ``edition``);
    the drawing kept in ``kept`` (and ``cache_dir``) while what it shows, the drawing code and Pillow are the
    same."""
    target = site_dir / pages.SOCIAL_CARD
    target.parent.mkdir(parents=True, exist_ok=True)
    key = fingerprint(article.title, label, *(f"{a.name}\n{a.affiliation}" for a in article.authors),
                      inspect.getsource(draw_card), PIL.__version__)
    draw = (lambda: card_png(article, label)) if cache_dir is None else (
        lambda: kept_bytes_on_disk(cache_dir, target.stem, key, ".png", lambda: card_png(article, label)))
    target.write_bytes((kept or Kept()).get("social card", key, draw))


def card_title(record: Work) -> str:
    """The title the card shows, for its alt text: the original's (one card serves both languages)."""
    return record.original.title if record.original else record.title
