import Logging
import PostgresNIO

/// The PostgreSQL schema as named, append-only migrations. Never edit a shipped migration: add
/// one. Several processes may start at once: they take turns on an advisory lock, and each
/// migration is applied once, in the transaction that records it.
enum PostgresSchema {
    static let migrations: [(name: String, sql: [String])] = [
        (
            "2026-12-02 invoices, refunds, notifications, audit, heartbeats",
            [
                """
                CREATE TABLE invoice (
                    number TEXT COLLATE "C" PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 64),
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    currency TEXT NOT NULL,
                    title TEXT,
                    status TEXT NOT NULL CHECK (status IN ('created','awaiting','paid','partially_refunded','refunded','failed','expired','unknown')),
                    reference_no TEXT,
                    web_redirect_url TEXT,
                    valid_up_to DOUBLE PRECISION NOT NULL,
                    point_of_initiation TEXT NOT NULL,
                    device_id TEXT NOT NULL,
                    ip_address TEXT,
                    return_url TEXT,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL,
                    paid_at DOUBLE PRECISION,
                    refunded BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
                    last_response_code TEXT,
                    last_message TEXT,
                    next_check_at DOUBLE PRECISION,
                    check_attempts BIGINT NOT NULL DEFAULT 0,
                    external_id TEXT
                )
                """,
                "CREATE INDEX invoice_by_time ON invoice (created_at, number)",
                "CREATE INDEX invoice_by_status_time ON invoice (status, created_at, number)",
                "CREATE INDEX invoice_by_device_time ON invoice (device_id, created_at, number)",
                "CREATE INDEX invoice_by_next_check ON invoice (next_check_at) WHERE next_check_at IS NOT NULL",
                "CREATE INDEX invoice_by_reference ON invoice (reference_no) WHERE reference_no IS NOT NULL",
                """
                CREATE TABLE invoice_transition (
                    id BIGSERIAL PRIMARY KEY,
                    invoice_number TEXT NOT NULL REFERENCES invoice (number),
                    from_status TEXT,
                    to_status TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    cause TEXT NOT NULL
                )
                """,
                "CREATE INDEX transition_by_invoice ON invoice_transition (invoice_number, id)",
                """
                CREATE TABLE refund (
                    number TEXT COLLATE "C" PRIMARY KEY CHECK (length(number) BETWEEN 1 AND 64),
                    invoice_number TEXT NOT NULL REFERENCES invoice (number),
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    currency TEXT NOT NULL,
                    reason TEXT,
                    status TEXT NOT NULL CHECK (status IN ('requested','succeeded','failed','unknown')),
                    doku_refund_no TEXT,
                    created_at DOUBLE PRECISION NOT NULL,
                    updated_at DOUBLE PRECISION NOT NULL,
                    last_response_code TEXT,
                    last_message TEXT
                )
                """,
                "CREATE INDEX refund_by_invoice ON refund (invoice_number)",
                "CREATE INDEX refund_unsettled ON refund (status) WHERE status IN ('requested','unknown')",
                // Defence in depth: refunds that succeeded or are in flight never add up to more
                // than was paid. The store's reservation holds the invoice's row lock, so the
                // sum read here is never stale.
                """
                CREATE FUNCTION kasir_refund_within_paid() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT COALESCE(SUM(amount), 0) FROM refund WHERE invoice_number = NEW.invoice_number AND status <> 'failed') + NEW.amount
                       > (SELECT amount FROM invoice WHERE number = NEW.invoice_number) THEN
                        RAISE EXCEPTION 'refund exceeds the refundable amount' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$
                """,
                "CREATE TRIGGER refund_within_paid BEFORE INSERT ON refund FOR EACH ROW EXECUTE FUNCTION kasir_refund_within_paid()",
                """
                CREATE TABLE notification (
                    id BIGSERIAL PRIMARY KEY,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    partner_reference_no TEXT NOT NULL,
                    reference_no TEXT NOT NULL,
                    status TEXT NOT NULL,
                    amount BIGINT,
                    external_id TEXT,
                    received_at DOUBLE PRECISION NOT NULL,
                    body TEXT NOT NULL,
                    flag TEXT
                )
                """,
                "CREATE INDEX notification_by_invoice ON notification (partner_reference_no)",
                """
                CREATE TABLE audit (
                    id BIGSERIAL PRIMARY KEY,
                    at DOUBLE PRECISION NOT NULL,
                    direction TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    invoice_number TEXT,
                    external_id TEXT,
                    http_status BIGINT,
                    response_code TEXT,
                    latency_ms BIGINT,
                    outcome TEXT NOT NULL,
                    request_body TEXT NOT NULL,
                    response_body TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE receiver_heartbeat (
                    address TEXT NOT NULL,
                    process_id BIGINT NOT NULL,
                    owner TEXT NOT NULL,
                    started_at DOUBLE PRECISION NOT NULL,
                    beat_at DOUBLE PRECISION NOT NULL,
                    stopped_at DOUBLE PRECISION,
                    PRIMARY KEY (address, process_id)
                )
                """,
            ]
        ),
        (
            "2026-12-03 shifts",
            [
                """
                CREATE TABLE shift (
                    id TEXT PRIMARY KEY,
                    terminal TEXT NOT NULL,
                    cashier TEXT NOT NULL,
                    opened_at DOUBLE PRECISION NOT NULL,
                    closed_at DOUBLE PRECISION
                )
                """,
                // One open shift per terminal, whichever terminal of the shop opens it.
                "CREATE UNIQUE INDEX shift_open ON shift (terminal) WHERE closed_at IS NULL",
                "CREATE INDEX refund_created ON refund (created_at)",
            ]
        ),
        (
            "2026-12-03 exchanges",
            [
                // What the exchange view shows: method, path, headers (secrets as placeholders), the refusing check.
                "ALTER TABLE audit ADD COLUMN method TEXT, ADD COLUMN path TEXT, ADD COLUMN request_headers TEXT NOT NULL DEFAULT '', "
                    + "ADD COLUMN response_headers TEXT NOT NULL DEFAULT '', ADD COLUMN refused_by TEXT",
                "ALTER TABLE notification ADD COLUMN path TEXT, ADD COLUMN headers TEXT NOT NULL DEFAULT ''",
                "CREATE INDEX audit_by_invoice ON audit (invoice_number)",
            ]
        ),
        (
            "2026-12-04 audit retention",
            [
                // `kasir store prune` and the receiver's hourly prune find old audit rows by time.
                "CREATE INDEX audit_by_time ON audit (at)"
            ]
        ),
    ]

    /// An arbitrary constant naming kasir's migration lock among the server's advisory locks.
    static let lockKey: Int64 = 0x6B61_7369_72_0001

    /// Applies what is missing, oldest first, under the advisory lock; returns the names applied
    /// in all (by any process), oldest first.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS kasir_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM kasir_migration", logger: logger).decode(String.self) { applied.insert(name) }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await connection.query("INSERT INTO kasir_migration (name) VALUES (\(migration.name))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        var names: [String] = []
        for try await name in try await connection.query("SELECT name FROM kasir_migration ORDER BY applied_at, name", logger: logger).decode(String.self) {
            names.append(name)
        }
        return names
    }
}
