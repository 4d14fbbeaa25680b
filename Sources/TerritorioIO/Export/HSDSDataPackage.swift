/// The `datapackage.json` of the HSDS export: a Frictionless tabular data package describing
/// each CSV table, its fields, constraints and foreign keys.
package struct HSDSDataPackage: Encodable {
    /// One field of a table's schema.
    package struct Field: Encodable {
        /// `required`, `unique` (the id only) and `enum` (the allowed values, when fixed).
        package struct Constraints: Encodable {
            package var required: Bool
            package var unique: Bool?
            package var values: [String]?

            package enum CodingKeys: String, CodingKey {
                case required, unique
                case values = "enum"
            }
        }

        package var name: String
        package var type: String
        package var format: String?
        package var constraints: Constraints
    }

    /// A reference from `fields` to the id of another resource.
    package struct ForeignKey: Encodable {
        package struct Reference: Encodable {
            package var resource: String
            package var fields = ["id"]
        }

        package var fields: [String]
        package var reference: Reference
    }

    package struct Schema: Encodable {
        package var primaryKey = ["id"]
        package var fields: [Field]
        /// Left out for a table without references.
        package var foreignKeys: [ForeignKey]?
    }

    /// One CSV table.
    package struct Resource: Encodable {
        package var name: String
        package var path: String
        package var format = "csv"
        package var mediatype = "text/csv"
        package var encoding = "utf-8"
        package var profile = "tabular-data-resource"
        package var schema: Schema
    }

    package var name = "human_services_data"
    package var title = "territorio service directory (Open Referral HSDS 3.0)"
    package var profile = "tabular-data-package"
    package var version = "3.0.0"
    package var homepage = "http://docs.openreferral.org"
    package var resources: [Resource]

    package init(_ tables: [HSDSExport.Table]) {
        resources = tables.map { t in
            let fields = t.fields.map { f in
                Field(
                    name: f.name, type: f.type, format: f.format,
                    constraints: Field.Constraints(
                        required: f.required, unique: f.name == "id" ? true : nil, values: f.values))
            }
            let keys = t.foreignKeys.map {
                ForeignKey(fields: [$0.field], reference: ForeignKey.Reference(resource: $0.table))
            }
            return Resource(
                name: t.name, path: t.path,
                schema: Schema(fields: fields, foreignKeys: keys.isEmpty ? nil : keys))
        }
    }
}
