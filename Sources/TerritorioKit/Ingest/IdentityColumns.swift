/// Recognises columns that could identify a respondent, so that they are dropped at ingestion:
/// names, phone numbers, e-mail, tax codes, exact addresses, device ids, the submitting
/// account, and free-text notes (in Italian and English, as people name such columns).
public enum IdentityColumns {
    /// Whole-word names (after normalisation) that identify a person.
    static let names: Set<String> = [
        "name", "nome", "cognome", "surname", "first name", "firstname", "last name", "lastname", "full name", "fullname",
        "nome cognome", "nominativo", "respondent", "respondent name", "intervistato",
        "phone", "phonenumber", "phone number", "telefono", "tel", "cellulare", "cell", "mobile", "cellphone",
        "email", "e mail", "mail", "posta elettronica",
        "codice fiscale", "codicefiscale", "cf", "tax code", "taxcode", "fiscal code", "ssn", "passport", "passaporto",
        "documento", "id document", "numero documento", "permesso numero",
        "address", "indirizzo", "via", "street", "residenza", "domicilio", "home address",
        "deviceid", "device id", "imei", "simserial", "subscriberid", "phonenumber", "username", "user name",
        "submitted by", "submittedby", "submitterid", "submitter id", "submittername", "submitter name",
        "note", "notes", "comment", "comments", "commento", "commenti", "osservazioni", "remarks", "free text", "testo libero",
        "other text", "altro specificare", "specify", "specificare", "birth date", "data di nascita", "date of birth", "dob",
    ]

    /// True when the column (its last path segment) looks like it identifies a person.
    public static func isIdentifying(_ header: String) -> Bool {
        let trimmed = header.hasPrefix("_") ? String(header.drop { $0 == "_" }) : header
        let key = TextMatching.normalized(trimmed.replacingOccurrences(of: "_", with: " "))
        if names.contains(key) { return true }
        let words = Set(key.split(separator: " ").map(String.init))
        return !words.isDisjoint(with: ["cognome", "surname", "telefono", "phone", "email", "imei", "codicefiscale", "fiscale", "passport", "passaporto"])
    }
}
