extension PostGISSchema {
    /// Helper "pgweb"'s migrations (issue 17): the web app's tables, as SpatiaLite's `v5-h-accounts`,
    /// `v6-services-*`, `v6-entry-self-report-queue` and `v7-batch-account` make them. Names are
    /// unique by constraint (two admins adding the same account at once: one fails).
    static let webMigrations: [(identifier: String, sql: [String])] = [
        ("pgweb-accounts", accounts),
        ("pgweb-self-report-queue", selfReports),
        ("pgweb-services-verification", verifications),
        ("pgweb-batch-account", ["ALTER TABLE batch ADD COLUMN account_id bigint REFERENCES account (id)"])
    ]

    static let accounts = [
        """
        CREATE TABLE organisation (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE CHECK (name <> '')
        )
        """,
        """
        CREATE TABLE account (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE CHECK (name <> ''),
            organisation_id bigint NOT NULL REFERENCES organisation (id),
            role text NOT NULL CHECK (role IN ('admin', 'operator', 'planner', 'researcher')),
            password_hash text NOT NULL,
            created_at text NOT NULL DEFAULT \(now),
            disabled boolean NOT NULL DEFAULT false
        )
        """,
        """
        CREATE TABLE web_session (
            token_hash text PRIMARY KEY,
            account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
            csrf text NOT NULL,
            expires_at double precision NOT NULL
        )
        """,
        "CREATE INDEX web_session_account ON web_session (account_id)",
        """
        CREATE TABLE audit_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            account_id bigint REFERENCES account (id),
            at text NOT NULL DEFAULT \(now),
            action text NOT NULL,
            object text NOT NULL
        )
        """
    ]

    static let selfReports = [
        """
        CREATE TABLE self_report (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            received_on text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
            content text NOT NULL,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted')),
            submission_uuid text,
            reviewed_at text
        )
        """,
        "CREATE INDEX self_report_pending ON self_report (status, id)"
    ]

    static let verifications = [
        """
        CREATE TABLE service_verification (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            service_id text NOT NULL,
            account_id bigint REFERENCES account (id),
            at text NOT NULL,
            method text NOT NULL CHECK (method IN ('phone', 'visit', 'email', 'website')),
            outcome text NOT NULL CHECK (outcome IN ('confirmed', 'changed', 'closed')),
            note text
        )
        """,
        "CREATE INDEX service_verification_by_service ON service_verification (service_id, at)"
    ]
}
