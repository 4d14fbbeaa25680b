/// The short texts of maps and posters in Italian, English, French and Arabic.
public enum Phrases {
    public static let languages = Language.codes

    package static let table: [String: [String: String]] = [
        "gap.title": [
            "it": "Bisogni scoperti: %@", "en": "Coverage gaps: %@", "fr": "Besoins non couverts : %@",
            "ar": "الاحتياجات غير الملباة: %@"
        ],
        "services.title": [
            "it": "Servizi per categoria", "en": "Services by category", "fr": "Services par catégorie",
            "ar": "الخدمات حسب الفئة"
        ],
        "level.none": ["it": "Nessuno", "en": "None", "fr": "Aucun", "ar": "لا يوجد"],
        "level.low": ["it": "Basso", "en": "Low", "fr": "Faible", "ar": "منخفض"],
        "level.medium": ["it": "Medio", "en": "Medium", "fr": "Moyen", "ar": "متوسط"],
        "level.high": ["it": "Alto", "en": "High", "fr": "Élevé", "ar": "مرتفع"],
        "level.critical": ["it": "Critico", "en": "Critical", "fr": "Critique", "ar": "حرج"],
        "level.insufficient_data": [
            "it": "Dati insufficienti", "en": "Insufficient data", "fr": "Données insuffisantes",
            "ar": "بيانات غير كافية"
        ],
        "level.suppressed": [
            "it": "Non pubblicato (numeri piccoli)", "en": "Withheld (small numbers)",
            "fr": "Non publié (petits effectifs)", "ar": "محجوب (أعداد صغيرة)"
        ],
        "explain.none": [
            "it": "Il bisogno segnalato trova risposta nei servizi raggiungibili",
            "en": "The need reported is met by services within reach",
            "fr": "Le besoin signalé trouve réponse dans les services accessibles",
            "ar": "الاحتياج المُبلَّغ عنه تلبّيه الخدمات القريبة"
        ],
        "explain.low": [
            "it": "Un po' di bisogno non del tutto coperto dai servizi vicini",
            "en": "Some need not fully met by the services nearby",
            "fr": "Un peu de besoin pas tout à fait couvert par les services proches",
            "ar": "بعض الاحتياج لا تغطيه الخدمات القريبة بالكامل"
        ],
        "explain.medium": [
            "it": "Bisogno coperto solo in parte: pochi servizi raggiungibili",
            "en": "Need only partly met: few services within reach",
            "fr": "Besoin couvert en partie : peu de services accessibles",
            "ar": "احتياج مغطى جزئياً: خدمات قليلة في المتناول"
        ],
        "explain.high": [
            "it": "Molto bisogno, servizi pochi o lontani", "en": "Much need, few or distant services",
            "fr": "Beaucoup de besoin, services rares ou éloignés", "ar": "احتياج كبير وخدمات قليلة أو بعيدة"
        ],
        "explain.critical": [
            "it": "Molto bisogno e quasi nessun servizio raggiungibile",
            "en": "Much need and hardly any service within reach",
            "fr": "Beaucoup de besoin et presque aucun service accessible",
            "ar": "احتياج كبير ولا توجد خدمات تقريباً في المتناول"
        ],
        "explain.insufficient_data": [
            "it": "Troppe poche risposte per giudicare: non vuol dire nessun bisogno",
            "en": "Too few answers to judge: this is not the same as no need",
            "fr": "Trop peu de réponses pour juger : ce n'est pas une absence de besoin",
            "ar": "إجابات قليلة جداً للحكم: هذا لا يعني عدم وجود احتياج"
        ],
        "explain.suppressed": [
            "it": "Troppe poche persone per pubblicare senza renderle riconoscibili",
            "en": "Too few people to publish without making them recognisable",
            "fr": "Trop peu de personnes pour publier sans les rendre reconnaissables",
            "ar": "عدد قليل جداً من الأشخاص للنشر دون كشف هويتهم"
        ],
        "explain.unverified": [
            "it": "Cerchio vuoto: informazioni ancora da verificare",
            "en": "Hollow circle: details still to be checked",
            "fr": "Cercle vide : informations encore à vérifier",
            "ar": "دائرة فارغة: معلومات لم يتم التحقق منها بعد"
        ],
        "labels.hidden": [
            "it": "%@ nomi di comuni non mostrati per mancanza di spazio",
            "en": "%@ municipality names not shown for lack of room",
            "fr": "%@ noms de communes non affichés faute de place",
            "ar": "%@ من أسماء البلديات غير معروضة لضيق المساحة"
        ],
        "legend.gap": [
            "it": "Livello di bisogno scoperto", "en": "Gap level", "fr": "Niveau de besoin non couvert",
            "ar": "مستوى الفجوة"
        ],
        "legend.service": ["it": "Servizio", "en": "Service", "fr": "Service", "ar": "خدمة"],
        "legend.unverified": [
            "it": "Servizio (da verificare)", "en": "Service (to be checked)", "fr": "Service (à vérifier)",
            "ar": "خدمة (قيد التحقق)"
        ],
        "approximate": [
            "it": "Confini APPROSSIMATIVI (celle di Voronoi): importare i confini ISTAT ufficiali",
            "en": "APPROXIMATE boundaries (Voronoi cells): import the official ISTAT boundaries",
            "fr": "Limites APPROXIMATIVES (cellules de Voronoï) : importer les limites officielles de l'ISTAT",
            "ar": "حدود تقريبية (خلايا فورونوي): يرجى استيراد الحدود الرسمية من ISTAT"
        ],
        "date": ["it": "Dati al %@", "en": "Data as of %@", "fr": "Données au %@", "ar": "البيانات حتى %@"],
        "attribution": [
            "it": "Confini amministrativi e popolazione: ISTAT (CC BY)",
            "en": "Boundaries and population: ISTAT (CC BY)",
            "fr": "Limites et population : ISTAT (CC BY)", "ar": "الحدود والسكان: ISTAT (CC BY)"
        ],
        "north": ["it": "N", "en": "N", "fr": "N", "ar": "ش"],
        "poster.title": [
            "it": "Hai bisogno di aiuto?", "en": "Do you need help?", "fr": "Avez-vous besoin d'aide ?",
            "ar": "هل تحتاج إلى مساعدة؟"
        ],
        "poster.subtitle": [
            "it": "Dove rivolgersi nei comuni del Consorzio", "en": "Where to turn in the consortium's municipalities",
            "fr": "Où s'adresser dans les communes du consortium", "ar": "إلى أين تتوجه في بلديات الاتحاد"
        ],
        "poster.emergency": [
            "it": "Emergenze: 112 · Violenza contro le donne: 1522 (gratuito, 24 ore su 24)",
            "en": "Emergencies: 112 · Violence against women: 1522 (free, 24 hours a day)",
            "fr": "Urgences : 112 · Violences faites aux femmes : 1522 (gratuit, 24 h/24)",
            "ar": "الطوارئ: 112 · العنف ضد المرأة: 1522 (مجاني، على مدار الساعة)"
        ],
        "poster.unverified": ["it": "da verificare", "en": "to be checked", "fr": "à vérifier", "ar": "قيد التحقق"],
        "poster.empty": [
            "it": "L'elenco dei servizi non è ancora disponibile: chiedi al segretariato sociale del Consorzio.",
            "en": "The list of services is not available yet: ask the consortium's social services desk.",
            "fr": "La liste des services n'est pas encore disponible : demandez à l'accueil social du consortium.",
            "ar": "قائمة الخدمات غير متوفرة بعد: اسأل مكتب الخدمات الاجتماعية في الاتحاد."
        ],
        "poster.languages": ["it": "Lingue", "en": "Languages", "fr": "Langues", "ar": "اللغات"],
        "poster.hours": ["it": "Orari", "en": "Hours", "fr": "Horaires", "ar": "المواعيد"],
        "poster.none": [
            "it": "Nessun servizio censito: chiedi al segretariato sociale.",
            "en": "No service listed yet: ask the social services desk.",
            "fr": "Aucun service recensé : demandez à l'accueil social.",
            "ar": "لا توجد خدمة مسجلة بعد: اسأل مكتب الخدمات الاجتماعية."
        ],
        "changes.title": [
            "it": "Tra un incontro e l'altro: cosa è cambiato", "en": "Between meetings: what changed",
            "fr": "Entre deux réunions : ce qui a changé", "ar": "بين اجتماعين: ما الذي تغيّر"
        ],
        "changes.rounds": ["it": "Dal giro %@", "en": "From round %@", "fr": "Du tour %@", "ar": "من الجولة %@"],
        "changes.largest": [
            "it": "I cambiamenti più grandi", "en": "The largest changes",
            "fr": "Les plus grands changements",
            "ar": "أكبر التغييرات"
        ],
        "changes.none": [
            "it": "Nessun cambiamento pubblicabile tra i due giri.",
            "en": "No publishable change between the two rounds.",
            "fr": "Aucun changement publiable entre les deux tours.",
            "ar": "لا توجد تغييرات قابلة للنشر بين الجولتين."
        ],
        "changes.municipality": ["it": "Comune", "en": "Municipality", "fr": "Commune", "ar": "البلدية"],
        "changes.category": ["it": "Bisogno", "en": "Need", "fr": "Besoin", "ar": "الاحتياج"],
        "changes.level": [
            "it": "Livello di bisogno scoperto", "en": "Gap level", "fr": "Niveau de besoin non couvert",
            "ar": "مستوى الفجوة"
        ],
        "changes.need": [
            "it": "Segnalazioni ogni 1.000 residenti", "en": "Reports per 1,000 residents",
            "fr": "Signalements pour 1 000 habitants", "ar": "البلاغات لكل 1000 مقيم"
        ],
        "changes.services": ["it": "Servizi", "en": "Services", "fr": "Services", "ar": "الخدمات"],
        "changes.opened": ["it": "aperti: %@", "en": "opened: %@", "fr": "ouverts : %@", "ar": "افتُتحت: %@"],
        "changes.closed": ["it": "chiusi: %@", "en": "closed: %@", "fr": "fermés : %@", "ar": "أُغلقت: %@"],
        "changes.hours": [
            "it": "orari cambiati: %@", "en": "hours changed: %@", "fr": "horaires modifiés : %@",
            "ar": "تغيّرت المواعيد: %@"
        ],
        "changes.languages": [
            "it": "lingue cambiate: %@", "en": "languages changed: %@",
            "fr": "langues modifiées : %@",
            "ar": "تغيّرت اللغات: %@"
        ],
        "changes.withheld": [
            "it": "—: non pubblicato (meno di %@ persone in uno dei due giri)",
            "en": "—: withheld (fewer than %@ people in one of the rounds)",
            "fr": "— : non publié (moins de %@ personnes dans l'un des tours)",
            "ar": "—: محجوب (أقل من %@ أشخاص في إحدى الجولتين)"
        ],
        "changes.map": [
            "it": "Livello di bisogno scoperto: com'è cambiato", "en": "Gap level: how it changed",
            "fr": "Niveau de besoin non couvert : son évolution", "ar": "مستوى الفجوة: كيف تغيّر"
        ],
        "change.worse": ["it": "Peggiorato", "en": "Worse", "fr": "Aggravé", "ar": "ازداد سوءاً"],
        "change.better": ["it": "Migliorato", "en": "Better", "fr": "Amélioré", "ar": "تحسّن"],
        "change.same": ["it": "Invariato", "en": "Unchanged", "fr": "Inchangé", "ar": "دون تغيير"],
        "change.unknown": [
            "it": "Non pubblicato o dati insufficienti", "en": "Withheld or insufficient data",
            "fr": "Non publié ou données insuffisantes", "ar": "محجوب أو بيانات غير كافية"
        ],
        "sessions.title": [
            "it": "Incontri del gruppo di auto-mutuo-aiuto", "en": "Self-help group meetings",
            "fr": "Rencontres du groupe d'entraide", "ar": "لقاءات مجموعة المساعدة الذاتية المتبادلة"
        ],
        "sessions.booking": [
            "it": "su prenotazione", "en": "booking needed", "fr": "sur réservation",
            "ar": "بحجز مسبق"
        ],
        "sessions.free": ["it": "ingresso libero", "en": "just come", "fr": "entrée libre", "ar": "الدخول حر"],
        "sessions.with": ["it": "con %@", "en": "with %@", "fr": "avec %@", "ar": "مع %@"],
        "poster.footer": [
            "it": "Informazioni dal censimento dei servizi del gruppo di lavoro · %@",
            "en": "Information from the working group's service directory · %@",
            "fr": "Informations issues du répertoire des services du groupe de travail · %@",
            "ar": "معلومات من دليل الخدمات لفريق العمل · %@"
        ],
        "poster.qr": [
            "it": "Inquadra il codice: servizi e orari di oggi sul telefono",
            "en": "Scan the code: services and today's opening hours on your phone",
            "fr": "Scannez le code : services et horaires du jour sur votre téléphone",
            "ar": "امسح الرمز: الخدمات ومواعيد اليوم على هاتفك"
        ]
    ]

    /// The phrase `key` in `language` (English when missing), with `%@` replaced by `argument`.
    public static func text(_ key: String, _ language: String, _ argument: String = "") -> String {
        let phrase = table[key]?[language] ?? table[key]?["en"] ?? key
        return phrase.replacingOccurrences(of: "%@", with: argument)
    }
}
