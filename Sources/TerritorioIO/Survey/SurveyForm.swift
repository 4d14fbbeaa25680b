import TerritorioCore

/// The two survey forms, defined once: the XLSForm for KoboToolbox/ODK, the paper template and
/// the ingestion's validation all come from these definitions.
///
/// - **user**: one row is one person (anonymous): municipality, optional location, needs,
///   urgency, barriers, languages, household size, age group.
/// - **operator**: one row is one operator's caseload for one municipality and period: per
///   category, the requests received and those not satisfied.
public struct SurveyForm: Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable { case user, `operator` }

    /// A labelled text in it/en/fr/ar.
    public typealias Labels = [String: String]

    public enum FieldType: Sendable, Equatable {
        case selectOne(list: String)
        case selectMultiple(list: String)
        case integer(min: Int, max: Int)
        case date
        case text
        case geopoint

        package var xlsform: String {
            switch self {
            case .selectOne(let l): "select_one \(l)"
            case .selectMultiple(let l): "select_multiple \(l)"
            case .integer: "integer"
            case .date: "date"
            case .text: "text"
            case .geopoint: "geopoint"
            }
        }
    }

    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
        public var required: Bool
        public var labels: Labels
        /// An XLSForm constraint (e.g. `. <= ${requests_food}`), with its message.
        public var constraint: (expression: String, message: Labels)?
    }

    public struct Choice: Sendable {
        public var value: String
        public var labels: Labels
    }

    public var kind: Kind
    public var title: Labels
    public var fields: [Field]
    public var choices: [String: [Choice]]
    /// Choice lists in the order they appear.
    public var listOrder: [String]

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// The column names of the XLSForm `label::…` columns, as form players show the languages.
    public static let languageColumns: [(code: String, name: String)] = [
        ("it", "Italiano (it)"), ("en", "English (en)"), ("fr", "Français (fr)"), ("ar", "العربية (ar)")
    ]
}

extension SurveyForm {
    package static func labels(_ it: String, _ en: String, _ fr: String, _ ar: String) -> Labels {
        ["it": it, "en": en, "fr": fr, "ar": ar]
    }

    public static let urgency: [Choice] = [
        Choice(value: "low", labels: labels("Bassa", "Low", "Faible", "منخفضة")),
        Choice(value: "medium", labels: labels("Media", "Medium", "Moyenne", "متوسطة")),
        Choice(value: "high", labels: labels("Alta", "High", "Élevée", "عالية"))
    ]

    public static let barriers: [Choice] = [
        Choice(
            value: "distance",
            labels: labels("Il servizio è lontano", "The service is far away", "Le service est loin", "الخدمة بعيدة")),
        Choice(
            value: "transport",
            labels: labels("Mancano i trasporti", "No transport", "Pas de transport", "لا توجد مواصلات")),
        Choice(
            value: "opening_hours",
            labels: labels(
                "Orari non adatti", "Opening hours do not fit", "Horaires inadaptés", "مواعيد العمل غير مناسبة")),
        Choice(value: "language", labels: labels("Lingua", "Language", "Langue", "اللغة")),
        Choice(value: "cost", labels: labels("Costo", "Cost", "Coût", "التكلفة")),
        Choice(
            value: "dont_know_where",
            labels: labels(
                "Non so dove andare", "I don't know where to go", "Je ne sais pas où aller", "لا أعرف إلى أين أذهب")),
        Choice(
            value: "documents",
            labels: labels("Documenti richiesti", "Documents required", "Papiers demandés", "الوثائق المطلوبة")),
        Choice(
            value: "stigma",
            labels: labels(
                "Vergogna o paura di essere giudicato", "Shame or fear of being judged", "Honte ou peur d'être jugé",
                "الخجل أو الخوف من الحكم")),
        Choice(value: "other", labels: labels("Altro", "Other", "Autre", "أخرى"))
    ]

    /// Languages offered in the user survey (ISO 639-1), the most spoken in the area first.
    public static let surveyLanguages: [Choice] = [
        Choice(value: "it", labels: labels("Italiano", "Italian", "Italien", "الإيطالية")),
        Choice(value: "en", labels: labels("Inglese", "English", "Anglais", "الإنجليزية")),
        Choice(value: "fr", labels: labels("Francese", "French", "Français", "الفرنسية")),
        Choice(value: "ar", labels: labels("Arabo", "Arabic", "Arabe", "العربية")),
        Choice(value: "ro", labels: labels("Rumeno", "Romanian", "Roumain", "الرومانية")),
        Choice(value: "sq", labels: labels("Albanese", "Albanian", "Albanais", "الألبانية")),
        Choice(value: "es", labels: labels("Spagnolo", "Spanish", "Espagnol", "الإسبانية")),
        Choice(value: "uk", labels: labels("Ucraino", "Ukrainian", "Ukrainien", "الأوكرانية")),
        Choice(value: "ru", labels: labels("Russo", "Russian", "Russe", "الروسية")),
        Choice(value: "zh", labels: labels("Cinese", "Chinese", "Chinois", "الصينية")),
        Choice(value: "ur", labels: labels("Urdu", "Urdu", "Ourdou", "الأردية")),
        Choice(value: "bn", labels: labels("Bengalese", "Bengali", "Bengali", "البنغالية")),
        Choice(value: "pa", labels: labels("Punjabi", "Punjabi", "Pendjabi", "البنجابية")),
        Choice(value: "wo", labels: labels("Wolof", "Wolof", "Wolof", "الولوفية"))
    ]

    public static let ageGroups: [Choice] = [
        Choice(value: "18_29", labels: labels("18–29 anni", "18–29 years", "18–29 ans", "١٨–٢٩ سنة")),
        Choice(value: "30_44", labels: labels("30–44 anni", "30–44 years", "30–44 ans", "٣٠–٤٤ سنة")),
        Choice(value: "45_64", labels: labels("45–64 anni", "45–64 years", "45–64 ans", "٤٥–٦٤ سنة")),
        Choice(value: "65_plus", labels: labels("65 anni e più", "65 years and over", "65 ans et plus", "٦٥ سنة فأكثر"))
    ]

    package static func municipalityChoices(_ municipalities: [(code: String, name: String)]) -> [Choice] {
        municipalities.map {
            Choice(value: $0.code, labels: ["it": $0.name, "en": $0.name, "fr": $0.name, "ar": "بلدية " + $0.name])
        }
    }

    package static func categoryChoices(_ categories: [Category]) -> [Choice] {
        categories.map { Choice(value: $0.code, labels: $0.labels) }
    }

    package static let municipalityField = Field(
        name: "municipality", type: .selectOne(list: "municipality"), required: true,
        labels: labels(
            "In quale comune vivi?", "Which municipality do you live in?",
            "Dans quelle commune habitez-vous ?", "في أي بلدية تسكن؟"))

    /// The user survey, for the consortium's municipalities and the taxonomy.
    public static func user(municipalities: [(code: String, name: String)], categories: [Category]) -> SurveyForm {
        SurveyForm(
            kind: .user,
            title: labels(
                "Hai bisogno di aiuto? Questionario", "Do you need help? Questionnaire",
                "Avez-vous besoin d'aide ? Questionnaire", "هل تحتاج إلى مساعدة؟ استبيان"),
            fields: [
                municipalityField,
                Field(
                    name: "location", type: .geopoint, required: false,
                    labels: labels(
                        "Posizione (facoltativa)", "Location (optional)", "Position (facultative)", "الموقع (اختياري)")),
                Field(
                    name: "needs", type: .selectMultiple(list: "category"), required: true,
                    labels: labels(
                        "Di che cosa hai bisogno?", "What do you need?", "De quoi avez-vous besoin ?",
                        "ما الذي تحتاج إليه؟")),
                Field(
                    name: "urgency", type: .selectOne(list: "urgency"), required: true,
                    labels: labels("Quanto è urgente?", "How urgent is it?", "Est-ce urgent ?", "ما مدى الاستعجال؟")),
                Field(
                    name: "barriers", type: .selectMultiple(list: "barrier"), required: false,
                    labels: labels(
                        "Che cosa ti impedisce di ricevere aiuto?", "What stops you from getting help?",
                        "Qu'est-ce qui vous empêche d'obtenir de l'aide ?", "ما الذي يمنعك من الحصول على المساعدة؟")),
                Field(
                    name: "languages", type: .selectMultiple(list: "language"), required: false,
                    labels: labels(
                        "Quali lingue parli?", "Which languages do you speak?", "Quelles langues parlez-vous ?",
                        "ما اللغات التي تتحدثها؟")),
                Field(
                    name: "household_size", type: .integer(min: 1, max: 20), required: false,
                    labels: labels(
                        "Quante persone vivono con te (te compreso)?",
                        "How many people live in your household (including you)?",
                        "Combien de personnes vivent dans votre foyer (vous compris) ?",
                        "كم عدد أفراد أسرتك (بما فيهم أنت)؟")),
                Field(
                    name: "age_group", type: .selectOne(list: "age_group"), required: false,
                    labels: labels("Età", "Age", "Âge", "العمر"))
            ],
            choices: [
                "municipality": municipalityChoices(municipalities), "category": categoryChoices(categories),
                "urgency": urgency, "barrier": barriers, "language": surveyLanguages, "age_group": ageGroups
            ],
            listOrder: ["municipality", "category", "urgency", "barrier", "language", "age_group"])
    }

    /// The operator survey: one caseload per municipality and period, per category.
    public static func `operator`(municipalities: [(code: String, name: String)], categories: [Category]) -> SurveyForm
    {
        var fields: [Field] = [
            Field(
                name: "organization", type: .text, required: true,
                labels: labels("Ente o servizio", "Organisation or service", "Organisme ou service", "الجهة أو الخدمة")),
            municipalityField,
            Field(
                name: "period_start", type: .date, required: true,
                labels: labels("Periodo: dal", "Period: from", "Période : du", "الفترة: من")),
            Field(
                name: "period_end", type: .date, required: true,
                labels: labels("Periodo: al", "Period: to", "Période : au", "الفترة: إلى"),
                constraint: (
                    ". >= ${period_start}",
                    labels(
                        "La fine viene dopo l'inizio", "The end comes after the start",
                        "La fin suit le début", "يجب أن تكون النهاية بعد البداية")
                ))
        ]
        fields[1].labels = labels(
            "Comune delle persone seguite", "Municipality of the people served",
            "Commune des personnes suivies", "بلدية الأشخاص المستفيدين")
        for c in categories {
            fields.append(
                Field(
                    name: "requests_\(c.code)", type: .integer(min: 0, max: 100_000), required: false,
                    labels: labels(
                        "\(c.label("it")): richieste ricevute", "\(c.label("en")): requests received",
                        "\(c.label("fr")) : demandes reçues", "\(c.label("ar")): الطلبات المستلمة")))
            fields.append(
                Field(
                    name: "unmet_\(c.code)", type: .integer(min: 0, max: 100_000), required: false,
                    labels: labels(
                        "\(c.label("it")): richieste non soddisfatte", "\(c.label("en")): requests not satisfied",
                        "\(c.label("fr")) : demandes non satisfaites", "\(c.label("ar")): الطلبات غير الملباة"),
                    constraint: (
                        ". <= ${requests_\(c.code)}",
                        labels(
                            "Non più delle richieste ricevute", "Not more than the requests received",
                            "Pas plus que les demandes reçues", "لا يزيد عن الطلبات المستلمة")
                    )))
        }
        return SurveyForm(
            kind: .operator,
            title: labels(
                "Rilevazione operatori", "Operator survey", "Enquête auprès des intervenants", "استبيان العاملين"),
            fields: fields,
            choices: ["municipality": municipalityChoices(municipalities)],
            listOrder: ["municipality"])
    }
}
