import CityGenerator

/// The lines that describe a generated city against the reference city's published figures.
struct CitySummary {
    let manifest: CityManifest

    func print() {
        let m = manifest
        let perSemester = PaymentEstimate(m.identification)
        Swift.print("""
            schools        \(Figures.count(m.schools.total)) (\(Figures.count(m.schools.rural)) rural; \(m.schools.weakTeachingPoints) weak teaching points; \(m.schools.keyPovertyVillageSchools) serving key poverty villages)
            students       \(Figures.count(m.students.total)) in \(Figures.count(m.students.households)) households; \(Figures.count(m.students.leftBehind)) left behind
            registry       \(Figures.count(m.registry.entries)) entries (\(Figures.count(m.registry.nonStudentEntries)) of people not at school, \(Figures.count(m.registry.expiredEntries)) expired); \(Figures.count(m.registry.listedStudents)) students listed, \(Figures.count(m.registry.studentsOnTwoOrMoreLists)) on two lists or more
            applications   \(Figures.count(m.applications.applications)) with \(Figures.count(m.applications.visits)) visits and \(Figures.count(m.applications.parentReviews)) parent reviews
            identified     \(Figures.count(m.identification.identified)) students (\(Figures.percent(m.identification.identified, of: m.students.total))): \(Figures.count(m.identification.identifiedByRegistry)) by registry, \(Figures.count(m.identification.identifiedByApplication)) by application; \(Figures.count(m.identification.pending)) applications pending, \(Figures.count(m.identification.notEligible)) not eligible
            aid a year     \(Figures.count(m.identification.aidedStudentTimesPerYear)) student-times, \(Figures.yuan(perSemester.fen * 2)) under the standard catalog (\(Figures.count(perSemester.entitlements)) entitlements a semester)
            pairing        \(m.pairing.careRooms) care rooms with \(Figures.count(m.pairing.volunteers)) volunteers for \(Figures.count(m.pairing.volunteerCapacity)) children (\(Figures.count(m.pairing.expectedCarePairs)) care pairs expected); \(m.pairing.strongSchools) strong schools for \(m.pairing.expectedTwinnings) twinnings
            charity        \(m.charity.assessments) assessed teaching points needing \(Figures.yuan(m.charity.needsFen)); \(m.charity.pledges) pledges worth \(Figures.yuan(m.charity.donationsFen))
            training       \(m.training.centres) centres, \(m.training.courses) courses, \(m.training.sessions) sessions; \(Figures.count(m.training.trainees)) trainees, \(Figures.percent(m.training.expectedPasses, of: m.training.trainees)) expected to pass
            """)
    }
}
