/// The short texts of maps and posters in Italian, English, French and Arabic.
public enum Phrases {
    public static let languages = ["it", "en", "fr", "ar"]

    static let table: [String: [String: String]] = [
        "gap.title": ["it": "Bisogni scoperti: %@", "en": "Coverage gaps: %@", "fr": "Besoins non couverts : %@", "ar": "الاحتياجات غير الملباة: %@"],
        "services.title": ["it": "Servizi per categoria", "en": "Services by category", "fr": "Services par catégorie", "ar": "الخدمات حسب الفئة"],
        "level.none": ["it": "Nessuno", "en": "None", "fr": "Aucun", "ar": "لا يوجد"],
        "level.low": ["it": "Basso", "en": "Low", "fr": "Faible", "ar": "منخفض"],
        "level.medium": ["it": "Medio", "en": "Medium", "fr": "Moyen", "ar": "متوسط"],
        "level.high": ["it": "Alto", "en": "High", "fr": "Élevé", "ar": "مرتفع"],
        "level.critical": ["it": "Critico", "en": "Critical", "fr": "Critique", "ar": "حرج"],
        "level.insufficient_data": ["it": "Dati insufficienti", "en": "Insufficient data", "fr": "Données insuffisantes", "ar": "بيانات غير كافية"],
        "level.suppressed": ["it": "Non pubblicato (numeri piccoli)", "en": "Withheld (small numbers)", "fr": "Non publié (petits effectifs)", "ar": "محجوب (أعداد صغيرة)"],
        "legend.gap": ["it": "Livello di bisogno scoperto", "en": "Gap level", "fr": "Niveau de besoin non couvert", "ar": "مستوى الفجوة"],
        "legend.service": ["it": "Servizio", "en": "Service", "fr": "Service", "ar": "خدمة"],
        "legend.unverified": ["it": "Servizio (da verificare)", "en": "Service (to be checked)", "fr": "Service (à vérifier)",
                              "ar": "خدمة (قيد التحقق)"],
        "approximate": ["it": "Confini APPROSSIMATIVI (celle di Voronoi): importare i confini ISTAT ufficiali",
                        "en": "APPROXIMATE boundaries (Voronoi cells): import the official ISTAT boundaries",
                        "fr": "Limites APPROXIMATIVES (cellules de Voronoï) : importer les limites officielles de l'ISTAT",
                        "ar": "حدود تقريبية (خلايا فورونوي): يرجى استيراد الحدود الرسمية من ISTAT"],
        "date": ["it": "Dati al %@", "en": "Data as of %@", "fr": "Données au %@", "ar": "البيانات حتى %@"],
        "attribution": ["it": "Confini amministrativi e popolazione: ISTAT (CC BY)", "en": "Boundaries and population: ISTAT (CC BY)",
                        "fr": "Limites et population : ISTAT (CC BY)", "ar": "الحدود والسكان: ISTAT (CC BY)"],
        "north": ["it": "N", "en": "N", "fr": "N", "ar": "ش"],
        "poster.title": ["it": "Hai bisogno di aiuto?", "en": "Do you need help?", "fr": "Avez-vous besoin d'aide ?", "ar": "هل تحتاج إلى مساعدة؟"],
        "poster.subtitle": ["it": "Dove rivolgersi nei comuni del Consorzio", "en": "Where to turn in the consortium's municipalities",
                            "fr": "Où s'adresser dans les communes du consortium", "ar": "إلى أين تتوجه في بلديات الاتحاد"],
        "poster.emergency": ["it": "Emergenze: 112 · Violenza contro le donne: 1522 (gratuito, 24 ore su 24)",
                             "en": "Emergencies: 112 · Violence against women: 1522 (free, 24 hours a day)",
                             "fr": "Urgences : 112 · Violences faites aux femmes : 1522 (gratuit, 24 h/24)",
                             "ar": "الطوارئ: 112 · العنف ضد المرأة: 1522 (مجاني، على مدار الساعة)"],
        "poster.unverified": ["it": "da verificare", "en": "to be checked", "fr": "à vérifier", "ar": "قيد التحقق"],
        "poster.empty": ["it": "L'elenco dei servizi non è ancora disponibile: chiedi al segretariato sociale del Consorzio.",
                         "en": "The list of services is not available yet: ask the consortium's social services desk.",
                         "fr": "La liste des services n'est pas encore disponible : demandez à l'accueil social du consortium.",
                         "ar": "قائمة الخدمات غير متوفرة بعد: اسأل مكتب الخدمات الاجتماعية في الاتحاد."],
        "poster.languages": ["it": "Lingue", "en": "Languages", "fr": "Langues", "ar": "اللغات"],
        "poster.hours": ["it": "Orari", "en": "Hours", "fr": "Horaires", "ar": "المواعيد"],
        "poster.none": ["it": "Nessun servizio censito: chiedi al segretariato sociale.", "en": "No service listed yet: ask the social services desk.",
                        "fr": "Aucun service recensé : demandez à l'accueil social.", "ar": "لا توجد خدمة مسجلة بعد: اسأل مكتب الخدمات الاجتماعية."],
        "poster.footer": ["it": "Informazioni dal censimento dei servizi del gruppo di lavoro · %@",
                          "en": "Information from the working group's service directory · %@",
                          "fr": "Informations issues du répertoire des services du groupe de travail · %@",
                          "ar": "معلومات من دليل الخدمات لفريق العمل · %@"],
    ]

    /// The phrase `key` in `language` (English when missing), with `%@` replaced by `argument`.
    public static func text(_ key: String, _ language: String, _ argument: String = "") -> String {
        let phrase = table[key]?[language] ?? table[key]?["en"] ?? key
        return phrase.replacingOccurrences(of: "%@", with: argument)
    }
}
