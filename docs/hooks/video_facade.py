"""The click-to-load facade for a YouTube video.

Without JavaScript it is a plain link to youtube.com. docs/assets/javascripts/
video.js turns it into a play button that swaps in a youtube-nocookie.com
player, so nothing is fetched from YouTube before the reader asks for it.
The poster is local (CSS gradient, inline SVG icon, the title): no thumbnail.
"""

from __future__ import annotations

import re
from html import escape

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
PLAY_ICON = (
    '<svg class="video-facade__icon" viewBox="0 0 68 48" aria-hidden="true" focusable="false">'
    '<rect width="68" height="48" rx="12"/><path d="M27 14v20l18-10z"/></svg>'
)


def watch_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def facade_html(video_id: str, title: str) -> str:
    """The facade as one raw HTML block (no blank line, so Markdown leaves it alone)."""
    if not VIDEO_ID.fullmatch(video_id):
        raise ValueError(f"'{video_id}' is not a YouTube video id")
    url = watch_url(video_id)
    text = escape(title)
    return (
        f'<figure class="video-facade" id="video-{video_id}"'
        f' data-video-id="{video_id}" data-video-title="{text}">\n'
        f'<a class="video-facade__poster" href="{url}">{PLAY_ICON}'
        f'<span class="video-facade__title">{text}</span>'
        f'<span class="video-facade__note">Watch on YouTube</span></a>\n'
        f'<figcaption><a href="{url}">“{text}” on YouTube</a>. The player is loaded'
        " from youtube-nocookie.com only when you press play.</figcaption>\n"
        "</figure>"
    )
