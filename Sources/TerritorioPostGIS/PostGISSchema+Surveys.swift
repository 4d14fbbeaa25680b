extension PostGISSchema {
    /// The survey tables, rounds, the directory's history and sessions, under SpatiaLite's
    /// migration names. Uniqueness is the database's: a submission key, a need per submission and
    /// category, a quarantine token exist once, whatever concurrent ingests do.
    static let surveyMigrations: [(identifier: String, sql: [String])] = [
        ("v3-surveys", surveys),
        (
            "v4-a-submission-versions",
            [
                """
                ALTER TABLE submission ADD COLUMN instance_id text, ADD COLUMN deprecated_id text,
                    ADD COLUMN edits integer, ADD COLUMN version_time text
                """,
                "CREATE INDEX submission_edited ON submission (instance_id) WHERE instance_id <> uuid",
                "ALTER TABLE submission_archive ADD COLUMN content_hash text",
                "CREATE INDEX submission_archive_version ON submission_archive (uuid, content_hash)",
                "CREATE INDEX batch_sha256 ON batch (sha256)"
            ]
        ),
        (
            "v4-b-quarantine-keys",
            [
                "ALTER TABLE quarantine ADD COLUMN uuid text, ADD COLUMN form text, ADD COLUMN token text",
                "CREATE UNIQUE INDEX quarantine_token ON quarantine (token)",
                "CREATE INDEX quarantine_uuid ON quarantine (uuid, form)"
            ]
        ),
        ("v5-f-survey-rounds", rounds),
        ("v5-f-service-history", history),
        (
            "v5-f-sessions",
            [
                """
                CREATE TABLE session (
                    id text PRIMARY KEY CHECK (id <> ''), content text NOT NULL, source text,
                    updated_at text NOT NULL DEFAULT \(now))
                """
            ]
        )
    ]

    static let surveys = [
        """
        CREATE TABLE batch (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            file text NOT NULL, sha256 text NOT NULL, form text NOT NULL, dialect text NOT NULL,
            ingested_at text NOT NULL DEFAULT \(now),
            rows integer NOT NULL DEFAULT 0, accepted integer NOT NULL DEFAULT 0,
            duplicates integer NOT NULL DEFAULT 0, conflicts integer NOT NULL DEFAULT 0,
            rejected integer NOT NULL DEFAULT 0, dropped_columns text NOT NULL DEFAULT '[]'
        )
        """,
        """
        CREATE TABLE submission (
            uuid text PRIMARY KEY,
            form text NOT NULL CHECK (form IN ('user', 'operator')),
            municipality_code text NOT NULL,
            submitted_at text, urgency text,
            barriers text NOT NULL DEFAULT '', languages text NOT NULL DEFAULT '',
            household_size integer, age_group text, organization text, period_start text, period_end text,
            content_hash text NOT NULL,
            batch_id bigint NOT NULL REFERENCES batch (id),
            source_row integer NOT NULL,
            geom geometry(Point, 4326)
        )
        """,
        "CREATE INDEX submission_municipality ON submission (municipality_code, form)",
        "CREATE INDEX submission_batch ON submission (batch_id)",
        "CREATE INDEX submission_geom ON submission USING gist (geom)",
        """
        CREATE TABLE need_report (
            submission_uuid text NOT NULL REFERENCES submission (uuid) ON DELETE CASCADE,
            category_code text NOT NULL, requests integer, unmet integer,
            PRIMARY KEY (submission_uuid, category_code)
        )
        """,
        "CREATE INDEX need_report_category ON need_report (category_code)",
        """
        CREATE TABLE submission_archive (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uuid text NOT NULL, archived_at text NOT NULL DEFAULT \(now),
            reason text NOT NULL, content text NOT NULL, batch_id bigint, source_row integer
        )
        """,
        """
        CREATE TABLE quarantine (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            batch_id bigint NOT NULL REFERENCES batch (id),
            source_row integer NOT NULL, raw text NOT NULL, reasons text NOT NULL
        )
        """
    ]

    static let rounds = [
        """
        CREATE TABLE survey_round (
            name text PRIMARY KEY CHECK (name <> ''),
            start_date text NOT NULL CHECK (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            end_date text NOT NULL CHECK (end_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
            note text,
            CHECK (start_date <= end_date)
        )
        """,
        "ALTER TABLE batch ADD COLUMN round_name text REFERENCES survey_round (name)"
    ]

    static let history = [
        """
        CREATE TABLE service_history (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            service_id text NOT NULL,
            change text NOT NULL CHECK (change IN ('opened', 'closed', 'updated')),
            fields text NOT NULL DEFAULT '', before text, after text,
            effective_date text NOT NULL, recorded_at text NOT NULL DEFAULT \(now), source text NOT NULL
        )
        """,
        "CREATE INDEX service_history_date ON service_history (effective_date)"
    ]
}
