import DisbursementService
import ServiceRuntime

await ServiceRunner.main(DisbursementService.definition)
