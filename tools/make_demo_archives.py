"""Build examples/warc/archive.warc.gz, the WARC part of the demo corpus.

The three pages below are news-style articles written by the eventwatch developers for the
fictional outlet "Frontline Digest"; they are kept inside this script (and not as loose HTML
files under examples/) so that ingesting examples/ does not read them twice.

The archive holds one warcinfo record, then for every page a request record and an HTTP
response record (WARC-Concurrent-To links the pair). Record ids and dates are derived from
the page URL and its publication time, and gzip members carry no timestamp, so running the
script again produces a byte-identical file:

    .venv/bin/python tools/make_demo_archives.py            # writes examples/warc/archive.warc.gz
    .venv/bin/python tools/make_demo_archives.py --check    # lists the records it wrote
"""

from __future__ import annotations

import argparse
import html
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "examples" / "warc" / "archive.warc.gz"
HOST = "frontlinedigest.example"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, HOST)


@dataclass(frozen=True)
class Page:
    path: str
    published: str  # ISO 8601, also used as the WARC-Date of the capture
    title: str
    section: str
    paragraphs: tuple[str, ...]
    related: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"https://{HOST}{self.path}"


PAGES: tuple[Page, ...] = (
    Page(
        path="/russia/2024/05/30/novoshakhtinsk-refinery-halts-after-second-strike",
        published="2024-05-30T09:15:00+00:00",
        title="Novoshakhtinsk refinery halts processing after second drone strike",
        section="Russia",
        paragraphs=(
            "The Novoshakhtinsk refinery in Russia's Rostov region has stopped processing crude "
            "after drones hit it on Wednesday, the second attack on the plant in less than three "
            "weeks, according to a person familiar with its operations.",
            "One worker was slightly injured by flying glass, the regional governor said. He did "
            "not name the refinery, referring only to a fire at an industrial site in the town of "
            "Novoshakhtinsk, which firefighters put out after about two hours.",
            "The plant was first hit on 11 May, when a drone damaged a distillation unit. Repairs "
            "had not been completed when Wednesday's attack struck a second unit and a pumping "
            "station, the person said.",
            "Kyiv did not comment. A source in the Ukrainian security services said the "
            "operation had been planned to coincide with the arrival of replacement equipment.",
            "The refinery supplied around five million tonnes of fuel a year before the attacks, "
            "most of it diesel and fuel oil for export.",
        ),
        related=(
            "Belgorod counts its dead after Saturday rocket attack",
            "Drone damages roof of Kursk railway station",
        ),
    ),
    Page(
        path="/russia/2024/06/16/belgorod-rocket-attack-toll",
        published="2024-06-16T10:05:00+00:00",
        title="Belgorod counts its dead after Saturday rocket attack",
        section="Russia",
        paragraphs=(
            "Three people were killed in Saturday's rocket attack on the Russian city of Belgorod, "
            "the governor of the border region said on Sunday, after a woman wounded in the "
            "shelling died in hospital.",
            "The rockets, which Russian officials said were fired from a Czech-made Vampire "
            "multiple rocket launcher on the Ukrainian side of the border, struck a courtyard "
            "between apartment blocks and a bus stop in the centre of the city. Five people remain "
            "in hospital, the governor said.",
            "Municipal workers spent Sunday morning replacing shattered windows, and the city "
            "administration said families whose flats had been damaged would receive compensation.",
            "Kyiv did not comment on the attack. Ukrainian officials rarely discuss strikes on "
            "Russian territory, but say Russian border regions are used to stage attacks on "
            "Kharkiv.",
            "Schools in Belgorod have switched to remote learning until the end of the school year.",
        ),
        related=(
            "Novoshakhtinsk refinery halts processing after second drone strike",
            "Drone damages roof of Kursk railway station",
        ),
    ),
    Page(
        path="/russia/2024/07/14/kursk-railway-station-drone",
        published="2024-07-14T12:40:00+00:00",
        title="Drone damages roof of Kursk railway station",
        section="Russia",
        paragraphs=(
            "A Ukrainian drone hit the Kursk railway station in the Russian city of Kursk early on "
            "Sunday, damaging the roof of the main building and injuring one person, the acting "
            "regional governor said.",
            "The drone struck shortly after 5 a.m., when the first suburban trains were being "
            "prepared for departure. A station employee was treated for a head injury caused by "
            "falling debris, the governor said. Trains were delayed by up to two hours while "
            "engineers checked the tracks and overhead lines.",
            "Russian Railways said passenger services had returned to their normal timetable by "
            "midday and that the waiting hall would stay closed for repairs.",
            "Ukraine did not comment. The Kursk region, which borders Ukraine's Sumy region, is "
            "regularly targeted by drones, and its rail network is used to move military supplies "
            "towards the front.",
        ),
        related=(
            "Belgorod counts its dead after Saturday rocket attack",
            "Novoshakhtinsk refinery halts processing after second drone strike",
        ),
    ),
)


def render(page: Page) -> str:
    """The full HTML page, with the boilerplate a real news site wraps around a story."""
    e = html.escape
    body = "\n".join(f"        <p>{html.escape(p, quote=False)}</p>" for p in page.paragraphs)
    related = "\n".join(f'          <li><a href="#">{e(t)}</a></li>' for t in page.related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(page.title)} - Frontline Digest</title>
  <meta property="og:site_name" content="Frontline Digest">
  <meta property="og:title" content="{e(page.title)}">
  <meta property="article:published_time" content="{page.published}">
  <link rel="canonical" href="{page.url}">
</head>
<body>
  <div class="cookie-consent">Frontline Digest uses cookies for analytics. <button>Accept</button></div>
  <nav class="topnav">
    <a href="/">Frontline Digest</a> <a href="/ukraine/">Ukraine</a> <a href="/russia/">Russia</a>
    <a href="/maps/">Maps</a> <a href="/newsletter/">Newsletter</a>
  </nav>
  <main>
    <article>
      <span class="section">{e(page.section)}</span>
      <h1>{e(page.title)}</h1>
      <div class="article-body">
{body}
      </div>
    </article>
    <aside>
      <h2>Related stories</h2>
      <ul>
{related}
      </ul>
    </aside>
    <section class="comments"><h2>Leave a Reply</h2><p>Be the first to comment</p></section>
  </main>
  <footer>&copy; 2024 Frontline Digest. All rights reserved.</footer>
</body>
</html>
"""


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, name)}>"


def _warc_date(iso: str) -> str:
    return iso.replace("+00:00", "Z")


def write_archive(out: Path) -> int:
    """Write the archive to `out`; returns the number of records written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(
            out.name,
            {
                "software": "eventwatch tools/make_demo_archives.py (warcio)",
                "description": "eventwatch demo corpus: articles written by the eventwatch developers",
            },
        )
        info.rec_headers.replace_header("WARC-Record-ID", _record_id("warcinfo"))
        info.rec_headers.replace_header("WARC-Date", _warc_date(PAGES[0].published))
        writer.write_record(info)
        count += 1
        for page in PAGES:
            date = _warc_date(page.published)
            payload = render(page).encode("utf-8")
            http_resp = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
                protocol="HTTP/1.1",
            )
            resp = writer.create_warc_record(
                page.url,
                "response",
                payload=BytesIO(payload),
                length=len(payload),
                http_headers=http_resp,
                warc_headers_dict={"WARC-Record-ID": _record_id("response " + page.url), "WARC-Date": date},
            )
            http_req = StatusAndHeaders(
                f"GET {page.path} HTTP/1.1",
                [("Host", HOST), ("User-Agent", "eventwatch-demo/0.1"), ("Accept", "text/html")],
                is_http_request=True,
            )
            req = writer.create_warc_record(
                page.url,
                "request",
                http_headers=http_req,
                warc_headers_dict={"WARC-Record-ID": _record_id("request " + page.url), "WARC-Date": date},
            )
            writer.write_request_response_pair(req, resp)
            count += 2
    return count


def list_archive(path: Path) -> None:
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            print(
                rec.rec_type,
                rec.rec_headers.get_header("WARC-Target-URI") or "",
                rec.rec_headers.get_header("WARC-Date"),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="list the records after writing")
    args = parser.parse_args()
    n = write_archive(args.out)
    print(f"wrote {n} records to {args.out}")
    if args.check:
        list_archive(args.out)


if __name__ == "__main__":
    main()
