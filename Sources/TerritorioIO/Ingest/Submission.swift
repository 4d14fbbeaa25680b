import Crypto
import Foundation
import TerritorioCore

/// One survey form filled in: a person (user survey) or a caseload (operator survey), with its
/// answers checked and normalised. Identity-like columns never get here.
public struct Submission: Sendable, Hashable, Codable {
    public struct Caseload: Sendable, Hashable, Codable {
        public var requests: Int?
        public var unmet: Int?

        package init(requests: Int? = nil, unmet: Int? = nil) {
            self.requests = requests
            self.unmet = unmet
        }
    }

    /// Which version of a submission a row is, and where a paper questionnaire comes from.
    public struct Version: Sendable, Hashable, Codable {
        /// This version's instance id (Kobo/ODK `meta/instanceID`), nil on paper.
        public var instanceID: String?
        /// The version this one replaces (`meta/deprecatedID`, set when a submission is edited).
        public var deprecatedID: String?
        /// ODK Central's edit count.
        public var edits: Int?
        /// The submission's own time of this version (UTC): the later of its end and submission time.
        public var time: String?
        /// Paper: the questionnaire number and the organisation that collected it.
        public var questionnaire: String?
        public var source: String?
        /// Paper: the row corrects the stored questionnaire with the same number (`correction_of`).
        public var correction = false
    }

    /// The stable key: the instance UUID (without `uuid:`; ODK's `KEY`, Kobo's `meta/rootUuid`
    /// when given), or `paper/<source>/<questionnaire id>`.
    public var uuid: String
    public var version = Version()
    public var form: SurveyForm.Kind
    public var municipality: String
    /// The point, when the form had one: exact while the row is read (it gives the municipality),
    /// then coarsened to the centre of its grid cell, or dropped (``LocationPrivacy``) before
    /// anything is stored. Never exported.
    public var location: Coordinate?
    /// ISO 8601 date or date-time of the submission (or of the paper questionnaire).
    public var submittedAt: String?
    // User survey
    public var needs: [String] = []
    public var urgency: String?
    public var barriers: [String] = []
    public var languages: [String] = []
    public var householdSize: Int?
    public var ageGroup: String?
    // Operator survey
    public var organization: String?
    public var periodStart: String?
    public var periodEnd: String?
    public var caseload: [String: Caseload] = [:]

    /// SHA-256 of the answers (not of the UUID, time or provenance): equal answers, equal hash.
    /// The text hashed is the answers joined by `|` (lists by spaces, then `category=requests/unmet`
    /// per caseload category in order), written into one buffer (once per row of an export).
    public var contentHash: String {
        var text: [UInt8] = []
        text.reserveCapacity(256)
        func add(_ part: String?) {
            if let part { text.append(contentsOf: part.utf8) }
        }
        func add(_ list: [String]) {
            for (i, item) in list.enumerated() {
                if i > 0 { text.append(UInt8(ascii: " ")) }
                text.append(contentsOf: item.utf8)
            }
        }
        let bar = UInt8(ascii: "|")
        add(form.rawValue)
        text.append(bar)
        add(municipality)
        text.append(bar)
        add(location.map { "\($0.lat),\($0.lon)" })
        text.append(bar)
        add(needs)
        text.append(bar)
        add(urgency)
        for list in [barriers, languages] {
            text.append(bar)
            add(list)
        }
        for part in [householdSize.map(String.init), ageGroup, organization, periodStart, periodEnd] {
            text.append(bar)
            add(part)
        }
        for key in caseload.keys.sorted() {
            let c = caseload[key]!
            add("|\(key)=\(c.requests.map(String.init) ?? "")/\(c.unmet.map(String.init) ?? "")")
        }
        return Hex.string(SHA256.hash(data: text))
    }

    package init(
        uuid: String, version: Version = Version(), form: SurveyForm.Kind, municipality: String,
        location: Coordinate? = nil, submittedAt: String? = nil, needs: [String] = [], urgency: String? = nil,
        barriers: [String] = [], languages: [String] = [], householdSize: Int? = nil, ageGroup: String? = nil,
        organization: String? = nil, periodStart: String? = nil, periodEnd: String? = nil,
        caseload: [String: Caseload] = [:]
    ) {
        self.uuid = uuid
        self.version = version
        self.form = form
        self.municipality = municipality
        self.location = location
        self.submittedAt = submittedAt
        self.needs = needs
        self.urgency = urgency
        self.barriers = barriers
        self.languages = languages
        self.householdSize = householdSize
        self.ageGroup = ageGroup
        self.organization = organization
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.caseload = caseload
    }
}

/// Lower-case hexadecimal text of bytes (a hot path: no per-byte formatting).
package enum Hex {
    package static let digits = Array("0123456789abcdef".utf8)
    package static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
