/// The one yes/no vocabulary of territorio's inputs (service `verified` and
/// `location_approximate`, survey 0/1 choice columns): in Italian, English, French and Arabic,
/// as spreadsheets and survey tools write them.
public enum YesNo {
    package static let yes: Set<String> = [
        "true", "yes", "y", "1", "x", "sì", "si", "vero", "oui", "vrai", "نعم", "verified"
    ]
    package static let no: Set<String> = ["false", "no", "n", "0", "falso", "non", "faux", "لا"]

    /// What the words and numbers of ``parse(_:)`` accept, for error messages.
    public static let expected = "true or false (or yes/no, sì/no, oui/non, 1/0)"

    /// `true` for a yes word, `false` for a no word (case does not matter), nil for anything else.
    public static func parse(_ text: String) -> Bool? {
        if text == "0" { return false }  // a 0/1 column of a Kobo export: once per need and row
        if text == "1" { return true }
        let word = text.lowercased()
        if yes.contains(word) { return true }
        if no.contains(word) { return false }
        return nil
    }
}
