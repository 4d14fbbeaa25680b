import TerritorioCore

extension Category {
    /// The taxonomy `all` with `category` saved as the web app's taxonomy page does: the labels of
    /// the category with its code replaced (a rename: the code stays), else `category` added at the
    /// end; and the audit log's action for it.
    public static func saving(_ category: Category, in all: [Category]) -> (categories: [Category], action: String) {
        var all = all
        guard let i = all.firstIndex(where: { $0.code == category.code }) else {
            return (all + [category], "category.add")
        }
        all[i] = category
        return (all, "category.rename")
    }
}
