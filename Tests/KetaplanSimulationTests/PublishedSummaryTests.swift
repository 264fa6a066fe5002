@testable import KetaplanSimulation
import Testing

/// The model's parameters reproduce the published figures they come from, on a cohort
/// large enough for sampling error to be small (traits only: no engine runs needed).
@Suite struct PublishedSummaryTests {
    /// Durability after the induction series (its last dose falls about 12 days in)
    /// for every responder of a 20,000-patient cohort.
    static func afterSeries(_ population: Population) -> (responders: Double, days: [Int]) {
        let model = PatientModel(population: population)
        let cohort = (0..<20_000).map { SimulatedPatient(index: $0, model: model, seed: 99) }
        let responders = cohort.filter(\.responder)
        let days = responders.map { $0.durability(afterDoseOn: 12, draws: Draws(seed: 99, patient: $0.index), model: model) }.sorted()
        return (Double(responders.count) / Double(cohort.count), days)
    }

    static func stillWell(_ days: [Int], at day: Int) -> Double { Double(days.filter { $0 > day }.count) / Double(days.count) }

    @Test func murrough2013() {
        let (responders, days) = Self.afterSeries(.murrough)
        #expect(abs(responders - 0.708) < 0.015, "70.8% responded")
        #expect(abs(Double(days[days.count / 2]) - 18) <= 1, "median time to relapse 18 days")
        #expect(abs(Double(days[days.count / 4]) - 11) <= 1.5, "a quarter relapse by about 11 days")
        #expect(abs(Double(days[days.count * 3 / 4]) - 27) <= 2, "three quarters by about 27 days")
    }

    @Test func orka1() {
        let (_, days) = Self.afterSeries(.orka)
        #expect(abs(Self.stillWell(days, at: 28) - 0.80) < 0.02, "about 80% still responding at 4 weeks")
        #expect(abs(Self.stillWell(days, at: 56) - 0.60) < 0.02, "about 60% at 8 weeks")
    }

    @Test func feder2021() {
        let (responders, days) = Self.afterSeries(.feder)
        #expect(abs(responders - 0.67) < 0.015)
        #expect(abs(Double(days[days.count / 2]) - 27.5) <= 1.5, "median 27.5 days to loss of response")
    }

    /// PHQ-9 noise: two scores of a stable patient 48 hours apart correlate about 0.84
    /// (Kroenke 2001) in a population whose scores spread with a standard deviation of
    /// about 5.5 points (the assumption behind the model's 2.2-point noise).
    @Test func scoreNoiseMatchesPHQ9TestRetest() {
        let model = PatientModel()
        let cohort = (0..<5_000).map { SimulatedPatient(index: $0, model: model, seed: 5) }
        var first: [Double] = [], second: [Double] = []
        for p in cohort {
            let draws = Draws(seed: 5, patient: p.index)
            let truth = 8 + 5.5 * draws.normal(day: 0, .doseA, .doseB)
            first.append(truth + model.scoreNoise * draws.normal(day: 0, .noiseA, .noiseB))
            second.append(truth + model.scoreNoise * draws.normal(day: 2, .noiseA, .noiseB))
        }
        let r = correlation(first, second)
        #expect(abs(r - 0.84) < 0.02, "retest correlation \(r)")
    }

    func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            sab += (a[i] - ma) * (b[i] - mb)
            saa += (a[i] - ma) * (a[i] - ma)
            sbb += (b[i] - mb) * (b[i] - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }
}
