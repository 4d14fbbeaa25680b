/// The messages of survey ingestion about scope, dates, versions and paper questionnaires,
/// each written once (the message catalogue translates them from here).
package enum IngestMessage {
    // Dates.
    package static func dateTooEarly(column: String, raw: String, earliest: String) -> String {
        "\(column): \"\(raw)\" is before \(earliest); expected a date from \(earliest) to today"
    }

    package static func dateInFuture(column: String, raw: String, today: String) -> String {
        "\(column): \"\(raw)\" is in the future (today is \(today)); expected a date up to today: "
            + "check the device's clock, or ingest with --allow-future to keep it"
    }

    package static func futureKept(column: String, raw: String, today: String) -> String {
        "\(column): \"\(raw)\" is in the future (today is \(today)); kept (--allow-future)"
    }

    package static func dateTooLate(column: String, raw: String, latest: String) -> String {
        "\(column): \"\(raw)\" is more than a year ahead; expected a date up to \(latest), even with --allow-future"
    }

    package static func notADate(column: String, raw: String) -> String {
        "\(column): the submission date \"\(raw)\" is not a date "
            + "(expected YYYY-MM-DD, DD/MM/YYYY or an ISO 8601 time such as 2026-05-01T10:11:12+02:00)"
    }

    // Scope.
    package static func outsideConsortium(column: String, name: String, code: String) -> String {
        "\(column): \(name) (\(code)) is not one of the consortium's municipalities; expected one of them, "
            + "or ingest with --allow-outside to keep rows about other municipalities"
    }

    package static func outsideKept(column: String, name: String, code: String) -> String {
        "\(column): \(name) (\(code)) is outside the consortium; kept (--allow-outside)"
    }

    // Values.
    package static func listContradictsFlag(field: String, raw: String, column: String, value: String, listed: Bool)
        -> String
    {
        listed
            ? "\(field): the list \"\(raw)\" includes \(value) but column '\(column)' is 0; " + agree
            : "\(field): column '\(column)' is 1 but the list \"\(raw)\" does not include \(value); " + agree
    }

    private static let agree = "expected the list and its 0/1 columns to agree"

    // Paper questionnaires.
    package static let noInstanceID =
        "no instance id (meta/instanceID, _uuid, KEY or questionnaire_id): "
        + "without it the row could be counted twice"

    package static let sourceColumnMissing =
        "paper questionnaires need a 'source' column (the organisation that collected them): questionnaire numbers are "
        + "unique only within one organisation, so two organisations' P-0001 would be taken for one questionnaire. "
        + "Add the column (see `territorio survey template`), or give --source NAME for a file from one organisation"

    package static let sourceMissing =
        "source: missing; expected the organisation that collected the questionnaire "
        + "(its numbers are unique only within it)"

    package static func correctionMismatch(correctionOf: String, questionnaire: String) -> String {
        "correction_of: \"\(correctionOf)\" is not this row's questionnaire_id \"\(questionnaire)\"; "
            + "expected the number of the questionnaire it corrects (leave questionnaire_id empty or the same)"
    }

    package static func paperConflict(_ paper: Paper, stored: Place, incoming: Place) -> String {
        "questionnaire_id: \(paper) is already stored with other answers (\(stored)); "
            + "this row (\(incoming)) was not stored. If it is another questionnaire, give it its own number; "
            + "if it corrects that one, ingest it again with --correction (or fill correction_of)"
    }

    package static func paperTwiceInFile(_ paper: Paper, first: Place, incoming: Place) -> String {
        "questionnaire_id: \(paper) appears twice in this file with different answers (\(first) and \(incoming)); "
            + "neither a correction nor a duplicate: give each questionnaire its own number"
    }

    package static func paperAlreadyStored(_ paper: Paper, stored: Place) -> String {
        "questionnaire_id: \(paper) is already stored with the same answers (\(stored)); "
            + "nothing was stored again. If it is another questionnaire, give it its own number"
    }

    package static func correctionOfNothing(_ paper: Paper) -> String {
        "correction_of: no questionnaire \(paper) is stored; expected the number of a questionnaire already ingested"
    }

    package static func corrected(_ paper: Paper, stored: Place) -> String {
        "questionnaire \(paper) corrected: replaced the version from \(stored) with this row; the old one is archived"
    }

    // Versions of Kobo/ODK submissions.
    package static func replacedOlder(_ uuid: String, why: String, stored: Place) -> String {
        "\(uuid) came again with other answers; this row is the newer version (\(why)): "
            + "it replaced the stored one (\(stored)), which is archived"
    }

    package static func keptNewer(_ uuid: String, why: String, stored: Place) -> String {
        "\(uuid) came again with other answers; the stored version (\(stored)) is newer (\(why)): "
            + "kept it and archived this row's version"
    }

    package static func undecided(_ uuid: String, stored: Place) -> String {
        "\(uuid) came again with other answers, and nothing tells which version is newer (same submission "
            + "time, no edit marker); kept the stored one (\(stored)) and archived this row's version: compare them"
    }

    package static func whyDeprecates(_ id: String) -> String { "it replaces version \(id) (meta/deprecatedID)" }
    package static func whyDeprecated(_ id: String) -> String { "version \(id) replaced it (meta/deprecatedID)" }
    package static func whyEdits(_ a: Int, _ b: Int) -> String { "edit count \(a) against \(b)" }
    package static func whyTime(_ a: String, _ b: String) -> String { "submitted \(a) against \(b)" }

    // Files.
    package static func alreadyIngested(batch: Int64, at time: String) -> String {
        "already ingested as batch \(batch) on \(time) (same content, SHA-256), and nothing in it is new: "
            + "nothing written"
    }

    /// A paper questionnaire, for messages: its number and the organisation that collected it.
    package struct Paper: CustomStringConvertible {
        package var number: String
        package var source: String
        package var description: String { "\(number) of \"\(source)\"" }

        package init(number: String, source: String) {
            self.number = number
            self.source = source
        }
    }

    /// Where a row comes from, for messages.
    package struct Place: CustomStringConvertible {
        package var file: String
        package var row: Int
        package var description: String { "file \(file), row \(row)" }

        package init(file: String, row: Int) {
            self.file = file
            self.row = row
        }
    }
}
