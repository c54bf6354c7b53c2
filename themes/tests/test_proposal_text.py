"""Proposal texts are sanitized Markdown without remote images."""

from themes.templatetags.themes_text import proposal_markdown


def test_a_proposal_cannot_make_readers_fetch_a_remote_image():
    html = proposal_markdown(
        'Our theme ![pixel](http://tracker.example/p.png) <img src="http://tracker.example/q.png">'
        " [link](https://example.org) **bold**"
    )

    assert "<img" not in html
    assert "tracker.example" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<strong>bold</strong>" in html
