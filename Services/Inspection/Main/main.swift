import InspectionService
import ServiceRuntime

await ServiceRunner.main(InspectionService.definition)
