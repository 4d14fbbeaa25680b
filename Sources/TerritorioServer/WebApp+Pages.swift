import Foundation
import Hummingbird
import TerritorioKit

extension WebApp {
    /// Names of the languages in themselves, for the language switch.
    static let languageNames = ["it": "Italiano", "en": "English", "fr": "Français", "ar": "العربية"]

    /// The context every page has: language, direction, strings, the signed-in account.
    func baseContext(language: String, session: SessionRecord?, title: String) -> [String: Any] {
        var context: [String: Any] = [
            "lang": language, "dir": language == "ar" ? "rtl" : "ltr", "t": strings.strings(language),
            "title": title,
            "languageSwitch": WebStrings.languages.map {
                ["code": $0, "label": Self.languageNames[$0] ?? $0, "current": $0 == language] as [String: Any]
            }
        ]
        if let session {
            context["csrf"] = session.csrf
            context["user"] =
                [
                    "name": session.account.name, "role": session.account.role.rawValue,
                    "organisation": session.account.organisation, "isAdmin": session.account.role == .admin,
                    "mayUpload": Self.uploadRoles.contains(session.account.role),
                    "mayExport": Self.exportRoles.contains(session.account.role),
                    "mayViewMap": Self.mapViewers.contains(session.account.role),
                    "mayEnter": [.admin, .operator].contains(session.account.role)
                ] as [String: Any]
        }
        return context
    }

    /// The HTML page `template` for `request`, with the language cookie set when `?lang=` chose it.
    func page(
        _ template: String, _ request: Request, session: SessionRecord?, titleKey: String,
        status: HTTPResponse.Status = .ok, extra: [String: Any] = [:]
    ) -> Response {
        let language = language(request)
        var context = baseContext(
            language: language, session: session,
            title: strings.text(titleKey, language))
        context.merge(extra) { _, new in new }
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: pages.render(template, context))))
        if let chosen = request.uri.queryParameters["lang"], WebStrings.languages.contains(String(chosen)) {
            response.setCookie(cookie("lang", String(chosen), maxAge: 365 * 86400))
        }
        return response
    }

    /// A 303 redirect to `location` (after a POST, or to the sign-in page).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
