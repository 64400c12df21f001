{{/*
Effective configuration of one entry of .Values.services: .Values.defaults overlaid by the
entry (maps listed in $nested are overlaid key by key, everything else replaced whole).
An explicit `false` in an entry wins (Helm's merge would let a default `true` win).
Usage: $s := include "omnichannel.svc" (list $ $name $entry) | fromYaml
*/}}
{{- define "omnichannel.svc" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $entry := index . 2 | default dict -}}
{{- $nested := list "autoscaling" "podDisruptionBudget" "probes" "serviceAccount" "worker" "image" -}}
{{- $out := deepCopy $root.Values.defaults -}}
{{- range $k, $v := $entry -}}
{{- if and (has $k $nested) (kindIs "map" $v) -}}
{{- $m := deepCopy (index $out $k | default dict) -}}
{{- range $k2, $v2 := $v -}}
{{- $_ := set $m $k2 $v2 -}}
{{- end -}}
{{- $_ := set $out $k $m -}}
{{- else -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- end -}}
{{- $role := $entry.role | default "service" -}}
{{- $isGateway := eq $role "gateway" -}}
{{- $_ := set $out "name" $name -}}
{{- $_ := set $out "role" $role -}}
{{- $_ := set $out "isGateway" $isGateway -}}
{{- $_ := set $out "enabled" (ternary $entry.enabled true (hasKey $entry "enabled")) -}}
{{- $_ := set $out "grpc" (and (not $isGateway) (ternary $entry.grpc true (hasKey $entry "grpc"))) -}}
{{- $_ := set $out "hasWorker" (and (not $isGateway) $out.worker.enabled) -}}
{{- $_ := set $out "fullname" (printf "%s-%s" $root.Release.Name $name | trunc 56 | trimSuffix "-") -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Common labels. Usage: include "omnichannel.labels" (list $ $s "api"|"worker"|"") ("": objects shared by both processes) */}}
{{- define "omnichannel.labels" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
app.kubernetes.io/part-of: omnichannel
app.kubernetes.io/version: {{ include "omnichannel.tag" (list $root $s) | trunc 63 | trimSuffix "-" | quote }}
omnichannel/tier: {{ ternary "gateway" "service" $s.isGateway }}
app.kubernetes.io/name: omnichannel
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ $s.name }}
{{- with index . 2 }}
omnichannel/process: {{ . }}
{{- end }}
{{- end -}}

{{/* Selector labels. Usage: include "omnichannel.selectorLabels" (list $ $s "api"|"worker") */}}
{{- define "omnichannel.selectorLabels" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
app.kubernetes.io/name: omnichannel
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ $s.name }}
omnichannel/process: {{ index . 2 }}
{{- end -}}

{{/* Labels of the release as a whole (shared objects, NetworkPolicy selectors). */}}
{{- define "omnichannel.releaseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: omnichannel
app.kubernetes.io/name: omnichannel
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "omnichannel.releaseSelector" -}}
app.kubernetes.io/name: omnichannel
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "omnichannel.tag" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
{{- $s.image.tag | default $root.Values.global.image.tag | default $root.Chart.AppVersion | toString -}}
{{- end -}}

{{- define "omnichannel.image" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
{{- $repo := $s.image.repository | default (printf "omnichannel/%s" $s.name) -}}
{{- with $root.Values.global.image.registry -}}
{{- $repo = printf "%s/%s" (trimSuffix "/" .) $repo -}}
{{- end -}}
{{- if $s.image.digest -}}
{{- printf "%s@%s" $repo $s.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (include "omnichannel.tag" .) -}}
{{- end -}}
{{- end -}}

{{- define "omnichannel.serviceAccountName" -}}
{{- $s := index . 1 -}}
{{- if $s.serviceAccount.create -}}
{{- $s.fullname -}}
{{- else -}}
{{- $s.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Enabled entries of .Values.services as effective configurations, keyed by name. */}}
{{- define "omnichannel.enabledServices" -}}
{{- $root := . -}}
{{- $out := dict -}}
{{- range $name, $entry := .Values.services -}}
{{- $s := include "omnichannel.svc" (list $root $name $entry) | fromYaml -}}
{{- if $s.enabled -}}
{{- $_ := set $out $name $s -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Data of the ConfigMap shared by every pod of the release. */}}
{{- define "omnichannel.sharedConfig" -}}
{{- $root := . -}}
ASPNETCORE_ENVIRONMENT: {{ .Values.global.aspnetcoreEnvironment | quote }}
DemoData__Enabled: {{ .Values.demoData.enabled | toString | quote }}
MassTransit__QuorumQueues: {{ .Values.rabbitmq.quorumQueues | toString | quote }}
{{- with .Values.otel.endpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
OTEL_EXPORTER_OTLP_PROTOCOL: {{ $root.Values.otel.protocol | quote }}
{{- end }}
{{- $enabled := include "omnichannel.enabledServices" . | fromYaml }}
{{- $authority := .Values.auth.authority }}
{{- if and (not $authority) (hasKey $enabled "identity") }}{{ $authority = printf "http://%s:8080" (get $enabled "identity").fullname }}{{ end }}
{{- with $authority }}
Auth__Authority: {{ . | quote }}
Auth__RequireHttpsMetadata: {{ $root.Values.auth.requireHttpsMetadata | toString | quote }}
{{- end }}
{{- range $name, $s := include "omnichannel.enabledServices" . | fromYaml }}
{{- if $s.grpc }}
services__{{ $name }}__grpc__0: {{ printf "http://%s:8081" $s.fullname | quote }}
{{- end }}
{{- end }}
{{- range $k, $v := .Values.commonEnv }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end -}}

{{/* Data of one service's ConfigMap. Usage: include "omnichannel.serviceConfig" (list $ $s) */}}
{{- define "omnichannel.serviceConfig" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
Kestrel__Endpoints__Http__Url: "http://+:8080"
{{- if $s.grpc }}
Kestrel__Endpoints__Grpc__Url: "http://+:8081"
Kestrel__Endpoints__Grpc__Protocols: "Http2"
{{- end }}
OTEL_SERVICE_NAME: {{ $s.name | quote }}
{{- if $s.isGateway }}
# /metrics only on this internal listener, never on the public 8080 (issue 11).
Kestrel__Endpoints__Metrics__Url: "http://+:9090"
Gateway__MetricsPort: "9090"
{{- range $name, $other := include "omnichannel.enabledServices" $root | fromYaml }}
{{- if not $other.isGateway }}
services__{{ $name }}__http__0: {{ printf "http://%s:8080" $other.fullname | quote }}
{{- with $other.title }}
services__{{ $name }}__title: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $s.name "console" }}
{{- range $name, $other := include "omnichannel.enabledServices" $root | fromYaml }}
{{- if $other.isGateway }}
# The staff console calls only the gateway's API, like any front-end.
Console__GatewayUrl: {{ printf "http://%s:8080" $other.fullname | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- range $k, $v := $s.env }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end -}}

{{/* Container environment. Usage: include "omnichannel.env" (list $ $s "api"|"worker") */}}
{{- define "omnichannel.env" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
{{- $process := index . 2 -}}
{{- $pg := $root.Values.postgres -}}
{{- $mq := $root.Values.rabbitmq -}}
{{- $attrs := list "service.namespace=omnichannel" "k8s.namespace.name=$(POD_NAMESPACE)" "k8s.pod.name=$(POD_NAME)" (printf "omnichannel.process=%s" $process) -}}
{{- with $root.Values.otel.resourceAttributes }}{{ $attrs = append $attrs . }}{{ end -}}
{{- $pgConn := printf "Host=%s;Port=%d;Database=%s;Username=$(POSTGRES_USERNAME);Password=$(POSTGRES_PASSWORD)" $pg.host (int $pg.port) $pg.database -}}
{{- with $pg.options }}{{ $pgConn = printf "%s;%s" $pgConn (trimPrefix ";" .) }}{{ end -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ join "," $attrs | quote }}
- name: Daemon__Enabled
  value: {{ eq $process "worker" | toString | quote }}
- name: Auth__SigningKey
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.auth.signingKeySecret.name }}
      key: {{ $root.Values.auth.signingKeySecret.key }}
{{- if not $s.isGateway }}
{{- with $root.Values.auth.serviceClientSecret }}{{ if .name }}
- name: Auth__ServiceClient__Secret
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
{{- end }}{{ end }}
{{- if $pg.connectionStringSecret.name }}
- name: ConnectionStrings__Postgres
  valueFrom:
    secretKeyRef:
      name: {{ $pg.connectionStringSecret.name }}
      key: {{ $pg.connectionStringSecret.key }}
{{- else }}
- name: POSTGRES_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $pg.credentialsSecret.name }}
      key: {{ $pg.credentialsSecret.usernameKey }}
- name: POSTGRES_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $pg.credentialsSecret.name }}
      key: {{ $pg.credentialsSecret.passwordKey }}
- name: ConnectionStrings__Postgres
  value: {{ $pgConn | quote }}
{{- end }}
{{- if $mq.uriSecret.name }}
- name: ConnectionStrings__RabbitMq
  valueFrom:
    secretKeyRef:
      name: {{ $mq.uriSecret.name }}
      key: {{ $mq.uriSecret.key }}
{{- else }}
- name: RABBITMQ_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $mq.credentialsSecret.name }}
      key: {{ $mq.credentialsSecret.usernameKey }}
- name: RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $mq.credentialsSecret.name }}
      key: {{ $mq.credentialsSecret.passwordKey }}
- name: ConnectionStrings__RabbitMq
  value: {{ printf "amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@%s:%d/%s" $mq.host (int $mq.port) ($mq.vhost | urlquery) | quote }}
{{- end }}
{{- end }}
{{- range $envName, $ref := $s.secretEnv }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "services.%s.secretEnv.%s.name is required" $s.name $envName) $ref.name }}
      key: {{ required (printf "services.%s.secretEnv.%s.key is required" $s.name $envName) $ref.key }}
{{- end }}
{{- end -}}

{{/* Pod template of an API or worker Deployment. Usage: include "omnichannel.pod" (list $ $s "api"|"worker") */}}
{{- define "omnichannel.pod" -}}
{{- $root := index . 0 -}}
{{- $s := index . 1 -}}
{{- $process := index . 2 -}}
{{- $p := $s.probes -}}
metadata:
  labels:
    {{- include "omnichannel.labels" . | nindent 4 }}
    {{- with $s.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ printf "%s\n%s" (include "omnichannel.sharedConfig" $root) (include "omnichannel.serviceConfig" (list $root $s)) | sha256sum }}
    {{- with $s.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "omnichannel.serviceAccountName" . }}
  automountServiceAccountToken: false
  enableServiceLinks: false
  terminationGracePeriodSeconds: {{ int $s.terminationGracePeriodSeconds }}
  {{- with $root.Values.global.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $s.podSecurityContext | nindent 4 }}
  containers:
    - name: {{ $s.name }}
      image: {{ include "omnichannel.image" . | quote }}
      imagePullPolicy: {{ $s.image.pullPolicy | default $root.Values.global.image.pullPolicy }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        {{- if and $s.grpc (eq $process "api") }}
        - name: grpc
          containerPort: 8081
          protocol: TCP
        {{- end }}
        {{- if $s.isGateway }}
        - name: metrics
          containerPort: 9090
          protocol: TCP
        {{- end }}
      envFrom:
        - configMapRef:
            name: {{ printf "%s-shared" $root.Release.Name }}
        - configMapRef:
            name: {{ $s.fullname }}
      env:
        {{- include "omnichannel.env" . | nindent 8 }}
      startupProbe:
        httpGet:
          path: {{ $p.startup.path }}
          port: http
        periodSeconds: {{ int $p.startup.periodSeconds }}
        timeoutSeconds: {{ int $p.startup.timeoutSeconds }}
        failureThreshold: {{ int $p.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: {{ $p.liveness.path }}
          port: http
        periodSeconds: {{ int $p.liveness.periodSeconds }}
        timeoutSeconds: {{ int $p.liveness.timeoutSeconds }}
        failureThreshold: {{ int $p.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: {{ $p.readiness.path }}
          port: http
        periodSeconds: {{ int $p.readiness.periodSeconds }}
        timeoutSeconds: {{ int $p.readiness.timeoutSeconds }}
        failureThreshold: {{ int $p.readiness.failureThreshold }}
      {{- if gt (int $s.preStopSleepSeconds) 0 }}
      lifecycle:
        preStop:
          sleep:
            seconds: {{ int $s.preStopSleepSeconds }}
      {{- end }}
      resources:
        {{- toYaml (ternary $s.worker.resources $s.resources (eq $process "worker")) | nindent 8 }}
      securityContext:
        {{- toYaml $s.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $s.tmpSizeLimit }}
  {{- if and $s.spreadAcrossNodes (eq $process "api") }}
  topologySpreadConstraints:
    {{- range list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
    - maxSkew: 1
      topologyKey: {{ . }}
      whenUnsatisfiable: ScheduleAnyway
      labelSelector:
        matchLabels:
          {{- include "omnichannel.selectorLabels" (list $root $s $process) | nindent 10 }}
    {{- end }}
  {{- end }}
  {{- with $s.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $s.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $s.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
