import PairingService
import ServiceRuntime

await ServiceRunner.main(PairingService.definition)
