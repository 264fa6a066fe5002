/// Placeholder names from many countries and scripts: obviously fictional, and wide
/// characters, accents and combining marks exercise table alignment.
enum DemoNames {
    static let all: [String] = [
        "Zoë Exemplar", "José Ñúñez-Ficticio", "山田 花子", "张三", "李四", "Max Mustermann", "Erika Mustermann",
        "Mario Rossi", "Juan Pérez", "Fulano de Tal", "Иван Иванов", "Jan Kowalski", "Joe Bloggs", "Jane Doe",
        "Tommy Atkins", "김 예시", "Søren Prøve", "Łucja Przykładowa", "Chantal Dupont-Essai", "Ömer Örnek",
        "Αλέξης Παράδειγμα", "Ngozi Sample", "Aroha Tauira", "Hēmi Whakamātau", "Björk Dæmi", "Anaïs Témoin",
        "Priya Udaharan", "田中 太郎", "Noa Dugma", "Maël Fictif", "Chloé Modèle", "Zeynep Deneme",
        "Olumide Apeere", "Siobhán Sampla", "Ignacio Ejemplo", "Dagny Eksempel", "Tuğba Taslak", "Ōta Kari",
        "王 五", "Ana Ejemplar",
    ]

    /// A name for patient `n` (0-based); beyond the list, a numbered variant.
    static func name(_ n: Int) -> String {
        let base = all[n % all.count]
        return n < all.count ? base : base + " \(n / all.count + 1)"
    }
}
