{{/* Checks the schema cannot express; included once by configmap.yaml. */}}
{{- define "omnichannel.validate" -}}
{{- $gateways := 0 -}}
{{- range $name, $s := include "omnichannel.enabledServices" . | fromYaml -}}
{{- if $s.isGateway }}{{ $gateways = add1 $gateways }}{{ end -}}
{{- if and $s.autoscaling.enabled (gt (int $s.autoscaling.minReplicas) (int $s.autoscaling.maxReplicas)) -}}
{{- fail (printf "services.%s.autoscaling: minReplicas (%d) > maxReplicas (%d)" $name (int $s.autoscaling.minReplicas) (int $s.autoscaling.maxReplicas)) -}}
{{- end -}}
{{- if and $s.hasWorker (lt (int $s.worker.replicas) 2) -}}
{{- fail (printf "services.%s.worker.replicas (%d): at least 2, so that a standby takes over the daemon when one dies" $name (int $s.worker.replicas)) -}}
{{- end -}}
{{- /* The services stop within 25 s of SIGTERM (HostOptions.ShutdownTimeout in ServiceDefaults). */ -}}
{{- if lt (int $s.terminationGracePeriodSeconds) (add (int $s.preStopSleepSeconds) 30) -}}
{{- fail (printf "services.%s: terminationGracePeriodSeconds (%d) must be at least preStopSleepSeconds (%d) + 30 s (the host's 25 s shutdown timeout and a margin)" $name (int $s.terminationGracePeriodSeconds) (int $s.preStopSleepSeconds)) -}}
{{- end -}}
{{- end -}}
{{- if gt $gateways 1 -}}
{{- fail "at most one enabled entry of services may have role: gateway" -}}
{{- end -}}
{{- end -}}
