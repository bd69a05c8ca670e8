"""The schema, as numbered migrations applied in order at start-up (PRAGMA user_version)."""

MIGRATIONS: list[str] = [
    # 1: the core loop.
    """
    CREATE TABLE residents (
        user_id     INTEGER PRIMARY KEY,
        chat_id     INTEGER NOT NULL,
        language    TEXT NOT NULL,
        first_seen  TEXT NOT NULL
    );
    CREATE TABLE rep_bindings (
        rep_id      TEXT PRIMARY KEY,
        telegram_id INTEGER NOT NULL UNIQUE,
        language    TEXT NOT NULL DEFAULT 'zh',
        started     INTEGER NOT NULL DEFAULT 0,   -- reachable only after the rep started the bot
        blocked     INTEGER NOT NULL DEFAULT 0,   -- the rep blocked the bot (403)
        bound_at    TEXT NOT NULL
    );
    CREATE TABLE invites (
        token       TEXT PRIMARY KEY,
        rep_id      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL,
        used_by     INTEGER,
        used_at     TEXT
    );
    CREATE TABLE case_counters (
        year        INTEGER PRIMARY KEY,
        last        INTEGER NOT NULL
    );
    CREATE TABLE cases (
        id              INTEGER PRIMARY KEY,
        ref             TEXT NOT NULL UNIQUE,
        resident_id     INTEGER NOT NULL,
        resident_chat_id INTEGER NOT NULL,
        language        TEXT NOT NULL,
        station_id      TEXT NOT NULL,
        category_id     TEXT NOT NULL,
        description     TEXT NOT NULL,
        latitude        REAL,
        longitude       REAL,
        contact_phone   TEXT,
        contact_name    TEXT,
        status          TEXT NOT NULL,
        rep_id          TEXT,
        escalated       INTEGER NOT NULL DEFAULT 0,
        reminded        INTEGER NOT NULL DEFAULT 0,
        resolution      TEXT,
        rating          INTEGER,
        rating_comment  TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        assigned_at     TEXT,
        accepted_at     TEXT,
        first_reply_at  TEXT,
        resolved_at     TEXT,
        closed_at       TEXT
    );
    CREATE INDEX cases_resident ON cases(resident_id, id);
    CREATE INDEX cases_rep ON cases(rep_id, status);
    CREATE TABLE case_photos (
        case_id     INTEGER NOT NULL REFERENCES cases(id),
        position    INTEGER NOT NULL,
        file_id     TEXT NOT NULL,
        PRIMARY KEY (case_id, position)
    );
    CREATE TABLE case_events (
        id          INTEGER PRIMARY KEY,
        case_id     INTEGER NOT NULL REFERENCES cases(id),
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,      -- resident:<id> | rep:<id> | admin:<id> | system
        kind        TEXT NOT NULL,      -- created, assigned, accepted, message, transferred, ...
        detail      TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX case_events_case ON case_events(case_id, id);
    CREATE TABLE case_messages (
        id          INTEGER PRIMARY KEY,
        case_id     INTEGER NOT NULL REFERENCES cases(id),
        sender      TEXT NOT NULL,      -- resident | rep
        text        TEXT,
        photo_file_id TEXT,
        at          TEXT NOT NULL
    );
    -- Which bot message in which chat belongs to which case: replies to it are relayed.
    CREATE TABLE relay_links (
        chat_id     INTEGER NOT NULL,
        message_id  INTEGER NOT NULL,
        case_id     INTEGER NOT NULL REFERENCES cases(id),
        PRIMARY KEY (chat_id, message_id)
    );
    CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        chat_id         INTEGER NOT NULL,
        payload         TEXT NOT NULL,  -- JSON: method and arguments
        case_id         INTEGER,
        purpose         TEXT NOT NULL,  -- card, relay, notice, ...
        status          TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | failed
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL,
        sent_at         TEXT,
        sent_message_id INTEGER,
        last_error      TEXT
    );
    CREATE INDEX outbox_pending ON outbox(status, chat_id, id);
    CREATE TABLE unanswered (
        id          INTEGER PRIMARY KEY,
        text        TEXT NOT NULL,
        language    TEXT NOT NULL,
        score       REAL NOT NULL,
        at          TEXT NOT NULL
    );
    CREATE TABLE conversations (
        name        TEXT NOT NULL,
        key         TEXT NOT NULL,
        state       TEXT NOT NULL,
        PRIMARY KEY (name, key)
    );
    CREATE TABLE user_data (
        user_id     INTEGER PRIMARY KEY,
        data        TEXT NOT NULL
    );
    """,
]
