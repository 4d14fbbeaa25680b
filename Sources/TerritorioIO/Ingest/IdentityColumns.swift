import TerritorioCore

/// Recognises columns that could identify a respondent, so that they are dropped at ingestion:
/// names, phone numbers and other contacts, e-mail, tax codes, identity documents, exact
/// addresses, device ids, the submitting account, dates of birth and free-text notes (in Italian
/// and English, as people name such columns), also inside a group (`situazione/note_operatore`,
/// `contatti-telefono`).
///
/// Only columns that are not questions of the form get here; dropping too much is harmless,
/// since a column that is not a question is never stored anyway.
public enum IdentityColumns {
    /// Words that make a column identifying wherever they appear in its name.
    package static let words: Set<String> = [
        // names
        "name", "names", "nome", "nomi", "cognome", "cognomi", "surname", "firstname", "lastname", "fullname",
        "nominativo", "nominativi", "respondent", "intervistato", "intervistata", "utente", "beneficiario",
        // contacts
        "phone", "phonenumber", "telephone", "telefono", "telefonico", "tel", "cellulare", "cell", "cellphone",
        "mobile",
        "whatsapp", "telegram", "signal", "skype", "facebook", "instagram", "social", "email", "mail", "pec",
        "contatto", "contatti", "contact", "contacts", "recapito", "recapiti",
        // documents and codes
        "codicefiscale", "fiscale", "cf", "ssn", "passport", "passaporto", "documento", "documenti", "document",
        "documents", "permesso", "tessera", "card", "identity",
        "identita", "didentita", "iban", "targa", "imei", "simserial", "subscriberid", "deviceid",
        // places
        "address", "indirizzo", "indirizzi", "via", "street", "civico", "residenza", "domicilio", "cap", "postcode",
        "zip",
        // accounts
        "username", "account", "submitter", "submitterid", "submittername", "submittedby", "operatore", "operator",
        "intervistatore", "interviewer", "enumerator", "rilevatore", "firma", "signature",
        // free text and birth
        "note", "notes", "nota", "comment", "comments", "commento", "commenti", "osservazioni", "osservazione",
        "remarks", "descrizione", "description", "racconto", "storia", "specify", "specificare", "dob", "birth",
        "nascita", "birthday", "compleanno", "foto", "photo", "picture", "immagine", "audio"
    ]

    /// Phrases (normalised, words separated by one space) that identify a person.
    package static let phrases: [String] = [
        "first name", "last name", "full name", "e mail", "posta elettronica", "codice fiscale", "tax code",
        "fiscal code", "id card", "identity card", "carta identita", "carta d identita", "user name", "device id",
        "id number", "numero documento", "submitted by", "free text", "testo libero", "altro specificare",
        "other text", "data di nascita", "date of birth", "luogo di nascita", "place of birth"
    ]

    /// True when the column, or any segment of its group path, looks like it identifies a person.
    public static func isIdentifying(_ header: String) -> Bool {
        let spaced = String(header.map { "_./:-".contains($0) ? " " : $0 })
        let key = TextMatching.normalized(spaced)
        let tokens = key.split(separator: " ").map(String.init)
        if tokens.contains(where: words.contains) { return true }
        let padded = " " + key + " "
        if phrases.contains(where: { padded.contains(" " + $0 + " ") }) { return true }
        // Run-together names: "numerotelefono", "emailaddress", "codfiscale".
        let joined = tokens.joined()
        return [
            "telefon", "cellular", "email", "fiscal", "passport", "passaport", "whatsapp", "indirizz", "cognom",
            "documento", "recapit", "contatt"
        ].contains { joined.contains($0) }
    }
}
