-- Argo CD health check for envops.dev/Environment (Lua 5.1, no standard libraries needed).
-- Healthy: Ready=True for the current generation. Progressing: the operator has not observed
-- the current generation yet, or a rollout moves. Suspended: spec.suspend, or a person's turn
-- within patience (an approval, a gated cut-over, the promotion gate). Degraded: Stalled=True
-- (a failure or a wait that needs a person) or phase Failed.
local hs = {}

local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function describe(c)
  if c == nil then
    return ""
  end
  local text = c.reason or ""
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

local generation = obj.metadata.generation
local status = obj.status
if status == nil or status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the envops operator to report status"
  return hs
end
if generation ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the envops operator to observe generation " .. generation
  return hs
end

local ready = condition(status, "Ready")
local stalled = condition(status, "Stalled")

if ready ~= nil and ready.status == "True"
    and (ready.observedGeneration == nil or generation == nil
      or ready.observedGeneration >= generation) then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end
if (obj.spec ~= nil and obj.spec.suspend == true) or status.phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = "spec.suspend is true: nothing is rolled out"
  return hs
end
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled)
  return hs
end
if status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end
if ready ~= nil and (ready.reason == "AwaitingApproval" or ready.reason == "AwaitingCutover"
    or status.phase == "Blocked") then
  hs.status = "Suspended"
  hs.message = describe(ready)
  return hs
end
hs.status = "Progressing"
if ready ~= nil then
  hs.message = describe(ready)
else
  hs.message = "Phase " .. (status.phase or "unknown")
end
return hs
