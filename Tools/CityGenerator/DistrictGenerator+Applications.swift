import AidContracts
import IdentificationDomain

extension DistrictGenerator {
    /// `ReferenceCity.semester`, a constant that parses.
    private static let semester = Semester(ReferenceCity.semester)!

    /// Writes an application for every student of an applying household who is on no current list,
    /// and decides every student with the identification domain's standard rules, exactly as the
    /// identification service will once the city is loaded.
    mutating func writeApplications(to writer: RecordWriter, manifest: inout CityManifest) throws {
        var random = random(.applications)
        for index in students.indices {
            let student = students[index]
            let lists = currentLists(of: student)
            var input = IdentificationInput(stage: student.stage, registryLists: Set(lists))
            var applied = false
            if lists.isEmpty, let survey = households[student.household].survey {
                applied = true
                // A line of applications.jsonl is what identification's application import reads.
                var record = ApplicationSubmission(
                    applicationId: "AP-\(district.code)-\((manifest.applications.applications + 1).padded(7))",
                    studentId: student.id, semester: Self.semester, survey: survey)
                if let verdict = households[student.household].verdict {
                    record.visit = ApplicationSubmission.Visit(
                        verdict: verdict, visitedOn: random.day(from: Day(2026, 9, 7), through: Day(2026, 10, 30)).description,
                        notes: Self.visitNote(verdict))
                    manifest.applications.visits += 1
                }
                if student.stage == .preschool,
                   let outcome = ReferenceCity.parentReviewWeights[random.weighted(ReferenceCity.parentReviewWeights.map(\.1))].0 {
                    record.parentReview = ApplicationSubmission.ParentReview(
                        outcome: outcome, reviewedOn: random.day(from: Day(2026, 10, 8), through: Day(2026, 10, 30)).description)
                    manifest.applications.parentReviews += 1
                }
                input.survey = survey
                input.verification = record.visit?.verdict
                input.parentReview = record.parentReview?.outcome
                try writer.append(json: record)
                manifest.applications.applications += 1
            }
            let outcome = TierRules.standard.decide(input: input).outcome
            students[index].decision = outcome
            switch outcome {
            case .eligible(let tier, _):
                manifest.identification.identified += 1
                if lists.isEmpty {
                    manifest.identification.identifiedByApplication += 1
                } else {
                    manifest.identification.identifiedByRegistry += 1
                }
                manifest.identification.byStageAndTier[student.stage.rawValue, default: [:]].count(tier.rawValue)
            case .notEligible:
                if applied { manifest.identification.notEligible += 1 }
            case .pending:
                if applied { manifest.identification.pending += 1 }
            }
        }
    }

    private static func visitNote(_ verdict: VerificationVerdict) -> String {
        switch verdict {
        case .confirmed: "入户核实，家庭情况与申报一致"
        case .rejected: "入户核实，家庭收入与申报不符"
        case .needsReview: "邻里走访意见不一，需再次核实"
        }
    }
}
