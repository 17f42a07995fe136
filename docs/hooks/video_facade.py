"""The click-to-load facade for the chapter's YouTube video.

Without JavaScript it is a plain link to youtube.com. docs/assets/javascripts/
video.js turns it into a play button that swaps in a youtube-nocookie.com
player, so nothing is fetched from YouTube before the reader asks for it.
The poster is local (CSS gradient, inline SVG icon, text): no thumbnail.

The facade names the video for what it is, the chapter's video on YouTube,
and never invents a title. It carries no aria-label: its accessible name is
its visible text, so the two can never disagree (WCAG 2.5.3, Label in Name).
"""

from __future__ import annotations

import re

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
PLAY_ICON = (
    '<svg class="video-facade__icon" viewBox="0 0 68 48" aria-hidden="true" focusable="false">'
    '<rect width="68" height="48" rx="12"/><path d="M27 14v20l18-10z"/></svg>'
)
LABEL = "Play the chapter’s video"
# The second line of the poster: where the video plays. video.js rewrites it
# once the poster has become an in-page player button.
WHERE_WITHOUT_SCRIPT = "on YouTube (youtube.com)"
WHERE_WITH_SCRIPT = "here, from youtube-nocookie.com"
PLAYER_TITLE = "The chapter’s video (YouTube player)"


def watch_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def facade_html(video_id: str) -> str:
    """The facade as one raw HTML block (no blank line, so Markdown leaves it alone)."""
    if not VIDEO_ID.fullmatch(video_id):
        raise ValueError(f"'{video_id}' is not a YouTube video id")
    url = watch_url(video_id)
    return (
        f'<figure class="video-facade" id="video-{video_id}" data-video-id="{video_id}"'
        f' data-where="{WHERE_WITH_SCRIPT}" data-player-title="{PLAYER_TITLE}">\n'
        f'<a class="video-facade__poster" href="{url}">{PLAY_ICON}'
        f'<span class="video-facade__title">{LABEL}</span> '
        f'<span class="video-facade__note">{WHERE_WITHOUT_SCRIPT}</span></a>\n'
        f'<figcaption>Prefer YouTube itself? <a href="{url}">Open the video on youtube.com</a>.'
        " The in-page player is loaded from youtube-nocookie.com only when you press"
        " play.</figcaption>\n"
        "</figure>"
    )
