"""Streaming parse of RSS (0.9x, 1.0, 2.0) and Atom feeds into FeedEntry records with lxml.

``FeedDocument.entries`` reads the feed through ``lxml.etree.iterparse`` (32 KiB at a time) and
makes a record of each item as soon as its end tag is read. Each item or header element (a child
of the root or of RSS's ``<channel>``, such as ``<image>``) is cleared once read, with the
siblings before it, so memory holds about one item whatever the size of the file. An item during
which more bytes than the size limit were read (to within one 32 KiB read) is emptied as it is
read and yields ``EntryTooBig``. libxml2's limits stay on: no network, no external entities or
DTDs, a cap on entity expansion, 10 MB per text node.

The feed's title (the outlet) is taken from the channel or feed header, which comes before the
items in any feed seen in practice; items before it would get no outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from claimscope.ingest.feedentry import Body, FeedEntry

ATOM_NAMESPACES = frozenset({"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"})
RSS_NAMESPACES = frozenset(
    {
        "",
        "http://purl.org/rss/1.0/",
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://backend.userland.com/rss2",
        "http://backend.userland.com/rss",
    }
)
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XHTML = "http://www.w3.org/1999/xhtml"

Key = tuple[str, str]
"""An element's namespace family ("rss", "atom" or the namespace URI) and lower-case name."""

ROLES: dict[Key, str] = {
    ("rss", "title"): "title",
    ("atom", "title"): "title",
    (DC, "title"): "title",
    ("rss", "link"): "link",
    ("atom", "link"): "link",
    ("rss", "guid"): "guid",
    ("atom", "id"): "guid",
    ("rss", "pubdate"): "published",
    ("atom", "published"): "published",
    ("atom", "issued"): "published",
    (DCTERMS, "issued"): "published",
    ("atom", "updated"): "updated",
    ("atom", "modified"): "updated",
    (DC, "date"): "updated",
    (DCTERMS, "modified"): "updated",
    (CONTENT, "encoded"): "content",
    ("atom", "content"): "content",
    ("rss", "body"): "content",
    (XHTML, "body"): "content",
    ("rss", "fullitem"): "content",
    ("rss", "description"): "summary",
    (DC, "description"): "summary",
    ("atom", "summary"): "summary",
}
"""What each element of an entry gives, as feedparser maps them (``pubDate`` and ``issued`` are
the published date; ``dc:date`` and ``modified`` the updated one)."""

FEED_TITLES = frozenset({("rss", "title"), ("atom", "title")})
HEADERS = frozenset({("rss", "channel"), ("atom", "feed")})
HTML_LINK_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class NotAFeedError(ValueError):
    """Well-formed XML whose root element is not that of an RSS or Atom feed."""


@dataclass(frozen=True)
class EntryTooBig:
    """An entry over the size limit, emptied as it was read."""


@dataclass(frozen=True)
class Layout:
    """How a feed holds its items: their element key, and the element holding them besides the
    root (RSS ``<channel>``), if any."""

    item: Key
    holder: Key | None = None

    def is_unit(self, depth: int, element: etree._Element) -> bool:
        """Whether an element that starts at this depth (the root is at 1) and is not inside
        another unit is an item or header element: a child of the root other than the holder,
        or a child of the holder."""
        return depth == 3 or (depth == 2 and key(element.tag) != self.holder)


class CountingReader:
    """A binary stream that counts the bytes read from it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


class FeedDocument:
    """A feed read entry by entry from a binary stream.

    ``started`` says whether the root element was read and is a feed's; ``begun`` counts the
    items whose start tag was read, so that a caller can tell where a syntax error struck.
    """

    def __init__(self, stream: BinaryIO, max_bytes: int) -> None:
        self.reader = CountingReader(stream)
        self.max_bytes = max_bytes
        self.started = False
        self.begun = 0
        self.outlet: str | None = None

    def entries(self) -> Iterator[FeedEntry | EntryTooBig]:
        """A record for each item, in document order. Raises ``NotAFeedError``, or lxml's
        ``XMLSyntaxError`` where the XML breaks (the items before it have been yielded)."""
        events = etree.iterparse(
            self.reader,
            events=("start", "end"),
            resolve_entities="internal",
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        layout = Layout(("", ""))
        depth = 0
        unit = 0  # the depth of the item or header element being read; 0 between them
        unit_start = 0
        too_big = False
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    layout = feed_layout(element)
                    self.started = True
                elif unit == 0 and layout.is_unit(depth, element):
                    unit, unit_start, too_big = depth, self.reader.count, False
                    if key(element.tag) == layout.item:
                        self.begun += 1
                continue
            level, depth = depth, depth - 1  # the depth of the element that ends
            if self.outlet is None and is_feed_title(element):
                self.outlet = inner_markup(element).strip() or None
            if unit == 0:  # the root, or the channel holding the items
                if level > 1:
                    discard(element)
                continue
            too_big = too_big or self.reader.count - unit_start > self.max_bytes
            if level > unit:  # inside the unit: kept until the unit ends, unless it is too big
                if too_big:
                    element.clear(keep_tail=True)
                continue
            unit = 0
            if key(element.tag) == layout.item:
                record = EntryTooBig() if too_big else feed_entry(element, self.outlet)
                discard(element)
                yield record
            else:
                discard(element)


def feed_layout(root: etree._Element) -> Layout:
    """Where the items of a feed with this root element are; ``NotAFeedError`` if it is not a
    feed's root (``<rss>``, ``<rdf:RDF>``, Atom's ``<feed>``)."""
    tag = key(root.tag)
    if tag == ("rss", "rss"):
        return Layout(("rss", "item"), holder=("rss", "channel"))  # <rss><channel><item>
    if tag == (RDF, "rdf"):
        return Layout(("rss", "item"))  # <rdf:RDF><item>, the channel beside the items
    if tag == ("atom", "feed"):
        return Layout(("atom", "entry"))
    raise NotAFeedError(f"its root element is <{etree.QName(root).localname}>")


def key(tag: object) -> Key:
    """An element's namespace family and lower-case local name; ("", "") for a non-element."""
    if not isinstance(tag, str):
        return ("", "")
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace in RSS_NAMESPACES:
        namespace = "rss"
    elif namespace in ATOM_NAMESPACES:
        namespace = "atom"
    return (namespace, local.lower())


def is_feed_title(element: etree._Element) -> bool:
    """Whether an element is the feed's title: the ``<title>`` of RSS ``<channel>`` or Atom
    ``<feed>``, not that of an item or an image."""
    parent = element.getparent()
    return key(element.tag) in FEED_TITLES and parent is not None and key(parent.tag) in HEADERS


def discard(element: etree._Element) -> None:
    """Free a read element and the siblings before it (the tree keeps the open ancestors)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def feed_entry(item: etree._Element, outlet: str | None) -> FeedEntry:
    """The record of an item from its child elements. The first title, link and dates win; a
    link comes from ``<link>`` (Atom: the HTML alternate), else from a permalink ``<guid>`` or
    Atom ``<id>``, as feedparser did it."""
    fields: dict[str, str] = {}
    contents: list[Body] = []
    summaries: list[Body] = []
    for child in item:
        tag = key(child.tag)
        role = ROLES.get(tag)
        if role == "content":
            contents.append(Body(inner_markup(child).strip(), is_html(child, tag)))
        elif role == "summary":
            summaries.append(Body(inner_markup(child).strip(), is_html(child, tag)))
        elif role is not None and (value := field_value(child, role)):
            fields.setdefault(role, value)
    return FeedEntry(
        title=fields.get("title"),
        link=fields.get("link") or fields.get("guid"),
        published=fields.get("published"),
        updated=fields.get("updated"),
        bodies=(*contents, *summaries),
        outlet=outlet,
    )


def field_value(element: etree._Element, role: str) -> str | None:
    """The value an element gives for a field: an Atom link's ``href`` if it is the HTML
    alternate, a ``<guid>``'s text unless ``isPermaLink="false"``, else the element's text."""
    if role == "link" and "href" in element.attrib:
        rel = element.get("rel", "alternate")
        kind = element.get("type", "text/html")
        return element.get("href") if rel == "alternate" and kind in HTML_LINK_TYPES else None
    if role == "guid" and element.get("isPermaLink", "true") != "true":
        return None
    return inner_markup(element).strip() or None


def is_html(element: etree._Element, tag: Key) -> bool:
    """Whether a content or summary element holds HTML: always in RSS; in Atom, by its ``type``
    (``html``, ``xhtml`` or an HTML media type; plain text by default)."""
    if tag[0] != "atom":
        return True
    return "html" in (element.get("type") or "text").lower()


def inner_markup(element: etree._Element) -> str:
    """An element's content as markup: its text, then its child elements (inline XHTML, or
    HTML written unescaped) serialized as HTML without namespaces."""
    if len(element) == 0:
        return element.text or ""
    for node in element.iterdescendants():
        if isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = node.tag.partition("}")[2]
    etree.cleanup_namespaces(element)
    children = (etree.tostring(child, encoding="unicode", method="html") for child in element)
    return (element.text or "") + "".join(children)
