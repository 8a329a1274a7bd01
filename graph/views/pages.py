"""Self-contained HTML pages for the views: vis-network inlined from the pyvis package, no external URL.

pyvis 0.3.2 references cdnjs and jsDelivr even in its `in_line` and `local` modes, so pages are
built here: the vis-network script and stylesheet pyvis ships are copied into the page, and a
Content-Security-Policy forbids the page from loading anything at all.
"""

from __future__ import annotations

import html
import json
import tempfile
import webbrowser
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["CSP", "entity_link", "iframe", "page", "script_json", "show", "vis_assets"]

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; form-action 'self'; base-uri 'none'"
)
"""Nothing is fetched: scripts and styles are inline, images only data: URLs."""

BASE_CSS = """
body { font: 14px system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 12px; border-bottom: 1px solid #ddd; display: flex; gap: 16px; flex-wrap: wrap;
  align-items: center; }
header h1 { font-size: 16px; margin: 0; }
form.controls { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
form.controls label { display: flex; flex-direction: column; font-size: 11px; color: #555; }
form.controls input, form.controls select { font-size: 13px; padding: 2px 4px; }
.note { color: #8a6d00; font-size: 12px; }
.empty { margin: 12px; padding: 10px 14px; background: #fff8e1; border: 1px solid #e0c36b; font-size: 15px; }
.legend { display: flex; gap: 10px; flex-wrap: wrap; font-size: 12px; padding: 4px 12px; }
.legend span.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: middle; }
.legend span.dot { border-radius: 50%; }
.legend span.diamond { transform: rotate(45deg) scale(0.8); }
main { display: flex; }
#network { flex: 1; height: calc(100vh - 110px); min-height: 360px; }
#details { width: 300px; padding: 8px 12px; border-left: 1px solid #ddd; overflow: auto;
  height: calc(100vh - 126px); font-size: 13px; }
#details blockquote, .tip blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ccc;
  font-style: italic; }
.tip { max-width: 340px; white-space: normal; font-size: 12px; }
.tip dl, #details dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 4px 0; }
.tip dt, #details dt { color: #666; }
.tip dd, #details dd { margin: 0; }
"""


@cache
def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet that pyvis ships (its bundled 9.1.2 copy)."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # a literal "</script" inside the script would end the element early
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def script_json(value: Any) -> str:
    """JSON safe to place inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def page(title: str, body: str, *, scripts: list[str] | None = None, css: str = "", vis: bool = False) -> str:
    """A complete HTML document; `body` and `scripts` are trusted markup and code built by the caller."""
    styles = [BASE_CSS, css]
    code = []
    if vis:
        script, style = vis_assets()
        styles.insert(0, style)
        code.append(script)
    code.extend(scripts or [])
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{''.join(styles)}</style></head>\n<body>\n{body}\n"
        + "".join(f"<script>{c}</script>\n" for c in code)
        + "</body></html>\n"
    )


def entity_link(iri: str, base_iri: str | None, link_base: str = "/") -> str | None:
    """The entity page of a data IRI: its path under the base IRI, served below link_base."""
    if not base_iri or not iri.startswith(base_iri):
        return None
    return link_base.rstrip("/") + "/" + iri[len(base_iri) :].lstrip("/")


def iframe(document: str, height: int = 620) -> str:
    """An iframe that holds a whole page in srcdoc (Jupyter's HTML output, no file and no server)."""
    return (
        f'<iframe srcdoc="{html.escape(document, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        'sandbox="allow-scripts allow-popups"></iframe>'
    )


def show(document: str, path: str | Path | None = None, *, height: int = 620) -> Any:
    """Inside Jupyter: display the page inline. Elsewhere: write it (a temporary file by default) and open it."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and getattr(shell, "kernel", None) is not None and path is None:
        from IPython.display import HTML

        return HTML(iframe(document, height))
    if path is None:
        with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as out:
            out.write(document)
            target = Path(out.name)
    else:
        target = Path(path)
        target.write_text(document, encoding="utf-8")
    webbrowser.open(target.resolve().as_uri())
    return target
