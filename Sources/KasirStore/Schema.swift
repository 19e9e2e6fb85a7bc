import GRDB

/// The database schema as named, append-only migrations. Never edit a shipped migration: add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-25 invoices, refunds, notifications, audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE invoice (
                        number TEXT PRIMARY KEY NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
                        amount INTEGER NOT NULL CHECK (amount > 0),
                        currency TEXT NOT NULL,
                        title TEXT,
                        status TEXT NOT NULL CHECK (status IN ('created','awaiting','paid','partially_refunded','refunded','failed','expired','unknown')),
                        referenceNo TEXT,
                        webRedirectUrl TEXT,
                        validUpTo REAL NOT NULL,
                        pointOfInitiation TEXT NOT NULL,
                        deviceId TEXT NOT NULL,
                        ipAddress TEXT,
                        returnUrl TEXT,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL,
                        paidAt REAL,
                        refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
                        lastResponseCode TEXT,
                        lastMessage TEXT,
                        nextCheckAt REAL,
                        checkAttempts INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX invoice_by_time ON invoice(createdAt, number);
                    CREATE INDEX invoice_by_status_time ON invoice(status, createdAt, number);
                    CREATE INDEX invoice_by_next_check ON invoice(nextCheckAt) WHERE nextCheckAt IS NOT NULL;
                    CREATE INDEX invoice_by_reference ON invoice(referenceNo) WHERE referenceNo IS NOT NULL;

                    CREATE TABLE invoice_transition (
                        id INTEGER PRIMARY KEY,
                        invoiceNumber TEXT NOT NULL REFERENCES invoice(number),
                        fromStatus TEXT,
                        toStatus TEXT NOT NULL,
                        at REAL NOT NULL,
                        cause TEXT NOT NULL
                    );
                    CREATE INDEX transition_by_invoice ON invoice_transition(invoiceNumber, id);

                    CREATE TABLE refund (
                        number TEXT PRIMARY KEY NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
                        invoiceNumber TEXT NOT NULL REFERENCES invoice(number),
                        amount INTEGER NOT NULL CHECK (amount > 0),
                        currency TEXT NOT NULL,
                        reason TEXT,
                        status TEXT NOT NULL CHECK (status IN ('requested','succeeded','failed','unknown')),
                        dokuRefundNo TEXT,
                        createdAt REAL NOT NULL,
                        updatedAt REAL NOT NULL,
                        lastResponseCode TEXT,
                        lastMessage TEXT
                    );
                    CREATE INDEX refund_by_invoice ON refund(invoiceNumber);
                    CREATE INDEX refund_unsettled ON refund(status) WHERE status IN ('requested','unknown');

                    -- Refunds that succeeded or are in flight never add up to more than was paid.
                    CREATE TRIGGER refund_within_paid BEFORE INSERT ON refund
                    WHEN (SELECT COALESCE(SUM(amount), 0) FROM refund WHERE invoiceNumber = NEW.invoiceNumber AND status != 'failed') + NEW.amount
                         > (SELECT amount FROM invoice WHERE number = NEW.invoiceNumber)
                    BEGIN SELECT RAISE(ABORT, 'refund exceeds the refundable amount'); END;

                    CREATE TABLE notification (
                        id INTEGER PRIMARY KEY,
                        dedupeKey TEXT NOT NULL UNIQUE,
                        partnerReferenceNo TEXT NOT NULL,
                        referenceNo TEXT NOT NULL,
                        status TEXT NOT NULL,
                        amount INTEGER,
                        externalId TEXT,
                        receivedAt REAL NOT NULL,
                        body TEXT NOT NULL,
                        flag TEXT
                    );
                    CREATE INDEX notification_by_invoice ON notification(partnerReferenceNo);

                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY,
                        at REAL NOT NULL,
                        direction TEXT NOT NULL,
                        operation TEXT NOT NULL,
                        invoiceNumber TEXT,
                        externalId TEXT,
                        httpStatus INTEGER,
                        responseCode TEXT,
                        latencyMs INTEGER,
                        outcome TEXT NOT NULL,
                        requestBody TEXT NOT NULL,
                        responseBody TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-12-02 invoice external id") { db in
            // The payment's X-EXTERNAL-ID, sent again as the refund's originalExternalId.
            try db.execute(sql: "ALTER TABLE invoice ADD COLUMN externalId TEXT")
        }
        migrator.registerMigration("2026-12-02 invoice search") { db in
            // `/` finds text anywhere in the number, the title and DOKU's reference, case-insensitively:
            // a trigram index over those three, kept in step with the invoice table by triggers.
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE invoice_search USING fts5(
                        number, title, referenceNo, content = 'invoice', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 0');
                    INSERT INTO invoice_search (invoice_search) VALUES ('rebuild');
                    CREATE TRIGGER invoice_search_insert AFTER INSERT ON invoice BEGIN
                        INSERT INTO invoice_search (rowid, number, title, referenceNo) VALUES (NEW.rowid, NEW.number, NEW.title, NEW.referenceNo);
                    END;
                    CREATE TRIGGER invoice_search_delete AFTER DELETE ON invoice BEGIN
                        INSERT INTO invoice_search (invoice_search, rowid, number, title, referenceNo) VALUES ('delete', OLD.rowid, OLD.number, OLD.title, OLD.referenceNo);
                    END;
                    CREATE TRIGGER invoice_search_update AFTER UPDATE OF number, title, referenceNo ON invoice
                    WHEN OLD.number IS NOT NEW.number OR OLD.title IS NOT NEW.title OR OLD.referenceNo IS NOT NEW.referenceNo BEGIN
                        INSERT INTO invoice_search (invoice_search, rowid, number, title, referenceNo) VALUES ('delete', OLD.rowid, OLD.number, OLD.title, OLD.referenceNo);
                        INSERT INTO invoice_search (rowid, number, title, referenceNo) VALUES (NEW.rowid, NEW.number, NEW.title, NEW.referenceNo);
                    END;
                    """)
        }
        migrator.registerMigration("2026-12-02 receiver heartbeat") { db in
            try db.execute(
                sql: """
                    CREATE TABLE receiver_heartbeat (
                        address TEXT NOT NULL,
                        processId INTEGER NOT NULL,
                        owner TEXT NOT NULL,
                        startedAt REAL NOT NULL,
                        beatAt REAL NOT NULL,
                        stoppedAt REAL,
                        PRIMARY KEY (address, processId)
                    )
                    """)
        }
        migrator.registerMigration("2026-12-03 shifts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE shift (
                        id TEXT PRIMARY KEY,
                        terminal TEXT NOT NULL,
                        cashier TEXT NOT NULL,
                        openedAt REAL NOT NULL,
                        closedAt REAL
                    );
                    -- One open shift per terminal, whatever process opens it.
                    CREATE UNIQUE INDEX shift_open ON shift (terminal) WHERE closedAt IS NULL;
                    CREATE INDEX refund_created ON refund (createdAt);
                    """)
        }
        migrator.registerMigration("2026-12-03 exchanges") { db in
            // What the exchange view shows: method, path and headers (secrets as placeholders), and
            // for a refusal the check that refused it.
            try db.execute(
                sql: """
                    ALTER TABLE audit ADD COLUMN method TEXT;
                    ALTER TABLE audit ADD COLUMN path TEXT;
                    ALTER TABLE audit ADD COLUMN requestHeaders TEXT NOT NULL DEFAULT '';
                    ALTER TABLE audit ADD COLUMN responseHeaders TEXT NOT NULL DEFAULT '';
                    ALTER TABLE audit ADD COLUMN refusedBy TEXT;
                    ALTER TABLE notification ADD COLUMN path TEXT;
                    ALTER TABLE notification ADD COLUMN headers TEXT NOT NULL DEFAULT '';
                    CREATE INDEX audit_by_invoice ON audit (invoiceNumber);
                    """)
        }
        migrator.registerMigration("2026-12-04 audit retention") { db in
            // `kasir store prune` and the receiver's hourly prune find old audit rows by time.
            try db.execute(sql: "CREATE INDEX audit_by_time ON audit (at)")
        }
        return migrator
    }
}
