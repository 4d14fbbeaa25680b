import Foundation

/// A survey round: a named period (e.g. `2026-autunno`) with first and last day. Every batch of
/// survey results belongs to one: the round chosen at ingestion, else the round whose dates hold
/// each submission's date.
public struct SurveyRound: Sendable, Hashable, Codable {
    public var name: String
    /// `YYYY-MM-DD`, inclusive.
    public var start: String
    /// `YYYY-MM-DD`, inclusive.
    public var end: String
    public var note: String?

    public init(name: String, start: String, end: String, note: String? = nil) {
        self.name = name
        self.start = start
        self.end = end
        self.note = note
    }

    /// Whether the two rounds share a day.
    public func overlaps(_ other: SurveyRound) -> Bool { start <= other.end && other.start <= end }

    /// A round from its text fields: dates as `YYYY-MM-DD` (or `DD/MM/YYYY`), the start not after the end.
    public static func parse(name: String, start: String, end: String, note: String? = nil)
        -> Result<SurveyRound, RoundError>
    {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0 == "," }) else {
            return .failure(.badName(name))
        }
        guard let s = FieldText.date(start) else { return .failure(.badDate(field: "start", start)) }
        guard let e = FieldText.date(end) else { return .failure(.badDate(field: "end", end)) }
        guard s <= e else { return .failure(.endBeforeStart(start: s, end: e)) }
        return .success(SurveyRound(name: trimmed, start: s, end: e, note: note.flatMap { $0.isEmpty ? nil : $0 }))
    }
}

/// A problem with a survey round. Each message is written in one place.
public enum RoundError: Error, Sendable, CustomStringConvertible, Equatable {
    case badName(String)
    case badDate(field: String, String)
    case endBeforeStart(start: String, end: String)
    case overlaps(name: String, other: String)
    case exists(String)
    case unknown(String, known: [String])
    case rangeReversed(from: String, to: String)

    public var description: String {
        switch self {
        case .badName(let n): Messages.text("msg3.round.bad_name", ("name", n))
        case .badDate(let f, let v): Messages.text("msg3.round.bad_date", ("field", f), ("value", v))
        case .endBeforeStart(let s, let e): Messages.text("msg3.round.end_before_start", ("start", s), ("end", e))
        case .overlaps(let n, let o): Messages.text("msg3.round.overlaps", ("name", n), ("other", o))
        case .exists(let n): Messages.text("msg3.round.exists", ("name", n))
        case .unknown(let n, let known):
            Messages.text(
                "msg3.round.unknown", ("name", n),
                ("list", known.isEmpty ? Messages.text("msg3.round.unknown_none") : known.joined(separator: ", ")))
        case .rangeReversed(let f, let t): Messages.text("msg3.round.range_reversed", ("from", f), ("to", t))
        }
    }
}
