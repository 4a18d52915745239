"""Table definitions of the store (SQLAlchemy Core), one row per record, offsets kept."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

# 2: statement_entities and full-text search over statement content
SCHEMA_VERSION = 2

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("origin", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(255), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("wikidata", String(32)),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("alias", String(255), nullable=False),
    UniqueConstraint("entity_id", "alias"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Index("ix_mentions_entity", "entity_id"),
    Index("ix_mentions_article", "article_id"),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id")),
    Column("speaker_name", Text),
    Column("cue_text", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_lemma", String(64), nullable=False),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("fragments", JSON, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("as_of", String(32)),
    Index("ix_statements_article", "article_id"),
    Index("ix_statements_speaker", "speaker_entity_id"),
)

# Statements by entity, in the order the statement lists use: who said each statement (role
# "said") and the entities mentioned inside its content span ("about"), with the article's date
# and the statement's position copied in, so an entity's statements are one index range.
# Filled when the statements are stored (store/roles.py).
statement_entities = Table(
    "statement_entities",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id"), primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("statement_id", String(32), ForeignKey("statements.id"), primary_key=True),
    Column("published", Date),
    Column("article_id", String(16), nullable=False),
    Column("content_start", Integer, nullable=False),
)
Index(
    "ix_statement_entities_order",
    statement_entities.c.entity_id,
    statement_entities.c.role,
    statement_entities.c.published.desc(),
    statement_entities.c.article_id,
    statement_entities.c.content_start,
    statement_entities.c.statement_id,
)

# Full-text search on PostgreSQL: the content's words ('simple': lower case, no stemming, no stop
# words) under a GIN index. SQLite has an FTS5 table instead (store/search.py).
statement_words = func.to_tsvector(text("'simple'::regconfig"), statements.c.content_text)
Index("ix_statements_words", statement_words, postgresql_using="gin").ddl_if(dialect="postgresql")

quantities = Table(
    "quantities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("approx", Boolean, nullable=False),
    Column("bound", String(16)),
    Column("unit", String(32)),
    Column("counted", Text),
    Column("counted_start", Integer),
    Column("counted_end", Integer),
    Column("statement_id", String(32)),
    Column("source_entity_id", Integer, ForeignKey("entities.id")),
    Column("source_name", Text),
    Column("hedge", String(32)),
    Column("as_of", String(32)),
    Column("record", JSON, nullable=False),
    Index("ix_quantities_article", "article_id"),
)

times = Table(
    "times",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String(64)),
    Column("granularity", String(16), nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_times_article", "article_id"),
)

disputes = Table(
    "disputes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("local_id", String(16), nullable=False),
    Column("disputing", String(32), nullable=False),
    Column("disputed", Text, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Index("ix_disputes_article", "article_id"),
)

# --- reconcile results (claimscope.reconcile; rebuilt whenever the stored articles change) ---

rc_estimates = Table(
    "rc_estimates",
    metadata,
    Column("quantity_id", String(32), primary_key=True),
    Column("article_id", String(16), nullable=False),
    Column("measure_key", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Index("ix_rc_estimates_measure", "measure_key"),
)

rc_articles = Table(
    "rc_articles",
    metadata,
    Column("article_id", String(16), primary_key=True),
    Column("origin_id", String(16), nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Index("ix_rc_articles_origin", "origin_id"),
)

rc_bands = Table(
    "rc_bands",
    metadata,
    Column("band", Integer, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("article_id", String(16), nullable=False),
    Index("ix_rc_bands_bucket", "band", "hash"),
)

rc_disputes = Table(
    "rc_disputes",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(16), nullable=False),
    Column("rebuttal_id", String(32), nullable=False),
    Column("claim_id", String(32)),
    Column("claim_text", Text, nullable=False),
    Column("link", String(16), nullable=False),
    Column("score", Float, nullable=False),
)

# --- reconcile claim index (claimscope.reconcile.claims; rebuilt with the rc_* tables above):
# every possible claim (statement, or estimate stated without a reporting verb) with its terms,
# the postings term → claim (with the claim's date and its article's duplicate-group origin),
# and how many claims hold each term ---

rc_claims = Table(
    "rc_claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("published", Date),
    Column("speaker_entity_id", Integer),
    Column("speaker", Text, nullable=False),
    Column("terms", Text, nullable=False),
    Column("numbers", Text, nullable=False),
)

rc_terms = Table(
    "rc_terms",
    metadata,
    Column("term", String(64), nullable=False),
    Column("published", Date),
    Column("claim_id", String(32), nullable=False),
    Column("origin_id", String(16), nullable=False),
    Index("ix_rc_terms_term", "term", "published"),
)

rc_term_counts = Table(
    "rc_term_counts",
    metadata,
    Column("term", String(64), primary_key=True),
    Column("n", Integer, nullable=False),
)

# --- ingest progress (claimscope.resume): input files and record shards fully stored ---

ingest_files = Table(
    "ingest_files",
    metadata,
    Column("path", String(1024), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("finished_at", DateTime, nullable=False),
)

# Read indexes for the web app and the API: date ranges, outlet filters, the newest ingest, an
# article's statements in text order, alias lookups, and an entity's mentions by article.
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet, articles.c.published)
Index("ix_articles_ingested", articles.c.ingested_at)
Index("ix_statements_article_start", statements.c.article_id, statements.c.content_start)
Index("ix_entity_aliases_alias", entity_aliases.c.alias)
Index("ix_mentions_entity_article", mentions.c.entity_id, mentions.c.article_id)
