namespace CitizenBot.Storage;

/// <summary>The SQLite schema as numbered steps; <see cref="PostgresSchema"/> numbers the same changes the same.</summary>
public static class SqliteSchema
{
    public static readonly IReadOnlyList<MigrationStep> Steps =
    [
        new(1, "conversations and activities", """
            CREATE TABLE conversations (
                transport TEXT NOT NULL,
                id TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                service_url TEXT NULL,
                user_id TEXT NULL,
                locale TEXT NULL,
                started INTEGER NOT NULL DEFAULT 0,
                last_seq INTEGER NOT NULL DEFAULT -1,
                state TEXT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (transport, id)
            );
            CREATE TABLE activities (
                transport TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                id TEXT NOT NULL,
                direction TEXT NOT NULL,
                client_activity_id TEXT NULL,
                json TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (transport, conversation_id, seq),
                FOREIGN KEY (transport, conversation_id) REFERENCES conversations (transport, id) ON DELETE CASCADE
            );
            CREATE UNIQUE INDEX ix_activities_client_id
                ON activities (transport, conversation_id, client_activity_id)
                WHERE client_activity_id IS NOT NULL;
            """),
        new(2, "handoff cases, callback requests, staff actions", """
            CREATE TABLE handoff_cases (
                id TEXT NOT NULL PRIMARY KEY,
                transport TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                state TEXT NOT NULL,
                reason TEXT NOT NULL,
                priority INTEGER NOT NULL DEFAULT 0,
                language TEXT NOT NULL,
                consent INTEGER NULL,
                visible_from_seq INTEGER NOT NULL DEFAULT -1,
                created_at TEXT NOT NULL,
                queued_at TEXT NULL,
                accepted_at TEXT NULL,
                agent TEXT NULL,
                closed_at TEXT NULL,
                last_position INTEGER NULL,
                FOREIGN KEY (transport, conversation_id) REFERENCES conversations (transport, id) ON DELETE CASCADE
            );
            CREATE INDEX ix_handoff_cases_conversation ON handoff_cases (transport, conversation_id, state);
            CREATE INDEX ix_handoff_cases_state ON handoff_cases (state, priority, queued_at);
            CREATE TABLE handoff_conversations (
                transport TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                human_only INTEGER NOT NULL DEFAULT 0,
                abstentions_in_row INTEGER NOT NULL DEFAULT 0,
                negative_feedback_in_row INTEGER NOT NULL DEFAULT 0,
                last_activity_id TEXT NULL,
                PRIMARY KEY (transport, conversation_id),
                FOREIGN KEY (transport, conversation_id) REFERENCES conversations (transport, id) ON DELETE CASCADE
            );
            CREATE TABLE handoff_actions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id TEXT NOT NULL REFERENCES handoff_cases (id) ON DELETE CASCADE,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE TABLE callback_requests (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                case_id TEXT NOT NULL REFERENCES handoff_cases (id) ON DELETE CASCADE,
                contact TEXT NOT NULL,
                created_at TEXT NOT NULL,
                delete_after TEXT NOT NULL
            );
            CREATE INDEX ix_callback_requests_delete_after ON callback_requests (delete_after);
            CREATE TABLE webhook_deliveries (
                id TEXT NOT NULL PRIMARY KEY,
                received_at TEXT NOT NULL
            );
            """),
        new(3, "outbox for contact centre webhooks", """
            CREATE TABLE webhook_outbox (
                id TEXT NOT NULL PRIMARY KEY,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                sent_at TEXT NULL
            );
            CREATE INDEX ix_webhook_outbox_unsent ON webhook_outbox (sent_at, created_at);
            """),
        new(4, "staff signed in through the identity provider", """
            CREATE TABLE staff_members (
                name TEXT NOT NULL PRIMARY KEY,
                roles TEXT NOT NULL,
                last_sign_in_at TEXT NOT NULL
            );
            """),
        new(5, "answers and feedback for analytics, without personal data", """
            CREATE TABLE insight_answers (
                reference TEXT NOT NULL PRIMARY KEY,
                transport TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                activity_id TEXT NOT NULL,
                asked_at TEXT NOT NULL,
                day TEXT NOT NULL,
                language TEXT NOT NULL,
                channel TEXT NOT NULL,
                outcome TEXT NOT NULL,
                question TEXT NOT NULL,
                service_id TEXT NULL,
                sources TEXT NOT NULL,
                answer_ms REAL NOT NULL,
                vote TEXT NULL,
                comment TEXT NULL,
                voted_at TEXT NULL
            );
            CREATE UNIQUE INDEX ix_insight_answers_activity ON insight_answers (transport, conversation_id, activity_id);
            CREATE INDEX ix_insight_answers_day ON insight_answers (day);
            """),
        new(6, "findings of the weekly fairness check", """
            CREATE TABLE fairness_findings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                found_at TEXT NOT NULL,
                week_from TEXT NOT NULL,
                week_to TEXT NOT NULL,
                dimension TEXT NOT NULL,
                group_name TEXT NOT NULL,
                lags TEXT NOT NULL,
                questions INTEGER NOT NULL,
                resolved_at TEXT NULL
            );
            CREATE UNIQUE INDEX ix_fairness_findings_week ON fairness_findings (week_from, dimension, group_name);
            """),
        // Step 7 (keys every replica shares) is PostgreSQL-only: a single SQLite process keeps its key in the data folder.
        new(8, "incidents and knowledge changes for the council report", """
            CREATE TABLE incidents (
                occurred_at TEXT NOT NULL,
                kind TEXT NOT NULL,
                cause TEXT NOT NULL
            );
            CREATE INDEX ix_incidents_occurred ON incidents (occurred_at);
            CREATE TABLE knowledge_versions (
                id TEXT NOT NULL PRIMARY KEY,
                content_hash TEXT NOT NULL,
                title TEXT NOT NULL
            );
            CREATE TABLE knowledge_changes (
                changed_at TEXT NOT NULL,
                document_id TEXT NOT NULL,
                title TEXT NOT NULL,
                change TEXT NOT NULL
            );
            CREATE INDEX ix_knowledge_changes_changed ON knowledge_changes (changed_at);
            """),
        new(9, "staff audit log and failed staff sign-ins", """
            CREATE TABLE staff_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                staff TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NULL,
                detail TEXT NULL
            );
            CREATE INDEX ix_staff_audit_at ON staff_audit (at);
            CREATE TABLE staff_sign_in_failures (
                subject TEXT NOT NULL PRIMARY KEY,
                failures INTEGER NOT NULL,
                last_failure_at TEXT NOT NULL,
                locked_until TEXT NULL
            );
            """),
    ];
}
