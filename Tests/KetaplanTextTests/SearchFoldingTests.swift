import Testing
import KetaplanText

@Suite struct SearchFoldingTests {
    @Test(arguments: [
        ("José Ñúñez-Ficticio", "josenunezficticio"),
        ("Zoë Exemplar", "zoeexemplar"),
        ("Søren Kierkegaard", "sorenkierkegaard"),
        ("Straße", "strasse"),
        ("Müller", "muller"),
        ("O'Brien", "obrien"),
        ("Łukasz Żółć", "lukaszzolc"),
        ("Ærøskøbing Œuvre", "aeroskobingoeuvre"),
        ("P-0012", "p0012"),
        // Decomposed accents (e + combining acute) fold the same as precomposed ones.
        ("Jose\u{301}", "jose"),
        // Scripts without a Latin base stay as letters, lower-cased.
        ("张三", "张三"),
        ("Ωμέγα", "ωμέγα"),
    ])
    func folds(text: String, folded: String) {
        #expect(SearchFolding.fold(text) == folded)
    }

    @Test func foldingALongerQueryOnlyAppends() {
        let typed = "Ñúñez-Fi"
        for end in typed.indices {
            let shorter = SearchFolding.fold(String(typed[..<end]))
            #expect(SearchFolding.fold(String(typed[...end])).hasPrefix(shorter))
        }
    }
}
