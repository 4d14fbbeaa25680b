import TerritorioCore

/// Which submission a row is (its stable key and version), when it was submitted, and whether
/// its municipality is in scope.
extension SubmissionReader {
    /// The stable key and the version of a row. Kobo/ODK: `meta/rootUuid` or ODK's `KEY` (stable
    /// across edits), else the version it replaces (`meta/deprecatedID`, so that the original,
    /// ingested later, meets its edit), else the instance id. Paper: `paper/<source>/<number>`.
    func identify(_ answers: some AnswerSource, reasons: inout [String]) -> (String?, Submission.Version) {
        func meta(_ m: SurveyColumns.Meta) -> String? { answers.metaValue(m) }
        var version = Submission.Version()
        version.instanceID = (meta(.instanceID) ?? meta(.uuid)).map(Self.bareUUID)
        version.deprecatedID = meta(.deprecatedID).map(Self.bareUUID)
        version.edits = meta(.edits).flatMap { Int($0) }
        if let key = (meta(.rootUUID) ?? meta(.key)).map(Self.bareUUID) ?? version.deprecatedID ?? version.instanceID {
            return (key, version)
        }
        guard let number = meta(.correctionOf) ?? meta(.questionnaireID) else {
            reasons.append(IngestMessage.noInstanceID)
            return (nil, version)
        }
        if let c = meta(.correctionOf), let q = meta(.questionnaireID), Self.paperKey(c) != Self.paperKey(q) {
            reasons.append(IngestMessage.correctionMismatch(correctionOf: c, questionnaire: q))
        }
        let organization = columns.form.kind == .operator ? answers.answer("organization") : nil
        let source = meta(.source) ?? policy.source ?? organization
        guard let source, !Self.paperKey(source).isEmpty else {
            reasons.append(IngestMessage.sourceMissing)
            return (nil, version)
        }
        version.questionnaire = number
        version.source = source
        version.correction = meta(.correctionOf) != nil
        return ("paper/" + Self.paperKey(source) + "/" + Self.paperKey(number), version)
    }

    /// A questionnaire number or source as a key: case, accents, spaces and punctuation do not matter.
    static func paperKey(_ text: String) -> String {
        TextMatching.normalized(text).replacingOccurrences(of: " ", with: "-")
    }

    package static func bareUUID(_ id: String) -> String {
        id.hasPrefix("uuid:") || id.hasPrefix("UUID:") ? String(id.dropFirst(5)) : id
    }

    /// The submission time (Kobo `_submission_time`, ODK `SubmissionDate`, else `end`, else the
    /// paper `date`) and the version time (the later of `end` and the submission time), in UTC,
    /// each checked to be neither before 2000 nor in the future.
    func readTimes(
        _ answers: some AnswerSource, into submission: inout Submission, reasons: inout [String],
        warnings: inout [String]
    ) {
        var parsed: [String?] = [nil, nil, nil]  // per time column (``timeMetas``)
        for (k, m) in Self.timeMetas.enumerated() {
            guard let raw = answers.metaValue(m) else { continue }
            let column = timeColumns[k]
            guard let time = SurveyTime.parse(raw) else {
                reasons.append(IngestMessage.notADate(column: column, raw: raw))
                continue
            }
            if policy.checkDate(time, column: column, raw: raw, reasons: &reasons, warnings: &warnings) {
                parsed[k] = time
            }
        }
        let (submitted, end, date) = (parsed[0], parsed[1], parsed[2])
        submission.submittedAt = submitted ?? end ?? date
        switch (submitted, end) {
        case (let s?, let e?): submission.version.time = max(s, e)
        case (let t?, nil), (nil, let t?): submission.version.time = t
        case (nil, nil): submission.version.time = date
        }
    }

    /// The time columns, in the order ``readTimes(_:into:reasons:warnings:)`` reads them.
    static let timeMetas: [SurveyColumns.Meta] = [.submissionTime, .end, .date]

    /// Rejects (or, with `--allow-outside`, notes) a municipality outside the consortium, when
    /// the database has one.
    func checkScope(_ code: String, column: String, reasons: inout [String], warnings: inout [String]) {
        guard scoped, let m = resolver.municipalities[code], !m.inConsortium else { return }
        if policy.allowOutside {
            warnings.append(IngestMessage.outsideKept(column: column, name: m.name, code: code))
        } else {
            reasons.append(IngestMessage.outsideConsortium(column: column, name: m.name, code: code))
        }
    }

    /// The header of the first column with `role`.
    func columnName(_ role: SurveyColumns.Role) -> String {
        columns.roles.firstIndex(of: role).map { columns.header[$0] } ?? "\(role)"
    }
}
