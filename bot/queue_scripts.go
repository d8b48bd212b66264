package bot

import "github.com/redis/go-redis/v9"

// The shared queue's Lua scripts. Each runs atomically in Redis, which is
// what makes the queue safe with any number of instances; the clock is
// Redis's own (TIME), so the instances' clocks never matter. Keys are
// built from the prefix inside the scripts (a chat's keys are only known
// there), which a single Redis, or a primary with replicas, allows; a
// Redis Cluster would not.
//
// Keys, under the prefix:
//
//	inbox:u:<id>    the update's JSON, expiring after INBOX_TTL (RedisInbox's)
//	inbox:ids       sorted set of the stored ids by arrival (RedisInbox's)
//	upd:<id>        handled, for 48 h (RedisDeduper's)
//	chat:q:<chat>   sorted set of the chat's waiting update ids, by id
//	chat:ready      sorted set of chats with work, scored by the Redis time
//	                (ms) from which a worker may claim it: now for a new
//	                one, the end of the lease for a claimed one
//	chat:lock:<c>   the claim: the fencing token of the worker holding the
//	                chat, expiring with the lease
//	chat:fence      the counter that numbers claims
//	chat:wake       a list with one element per chat that got work, which
//	                idle instances block on (BLPOP); a hint, not the truth
const luaNow = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`

// fencedReply is the error a script answers when the fencing token no
// longer holds the lease or the claim.
const fencedReply = "PILARBOT_FENCED"

// enqueueScript stores updates and queues them behind their chat's, once
// each: ARGV = prefix, ttl ms, max per chat, fence key, fence token, lease
// ms, n, read-ahead (ReadAhead.arg), then id, chat, raw for each update. A
// fence key ("" for none: webhooks) must still hold the fence token. With
// n > 0 and chats that got work, it claims up to n chats for the caller's
// own workers, as claimScript would, and wakes other instances only for
// the chats it did not claim: the poller hands them to its workers without
// their BLPOP and claim round trips. It returns one admission per update,
// the number of chats with work (the poller's backlog, without a ZCARD of
// its own before each poll), then chat, token, id, raw, read-ahead for
// each chat claimed.
var enqueueScript = redis.NewScript(luaNow + luaHead + luaClaim + `
local p, ttl, maxq = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local lease, n = tonumber(ARGV[6]), tonumber(ARGV[7])
ahead = parseAheadArg(ARGV[8])
if ARGV[4] ~= '' and redis.call('GET', ARGV[4]) ~= ARGV[5] then
  return redis.error_reply('` + fencedReply + `')
end
local out, woken = {}, 0
for i = 9, #ARGV, 3 do
  local id, chat, raw = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local q = p .. 'chat:q:' .. chat
  if redis.call('EXISTS', p .. 'upd:' .. id) == 1 or redis.call('ZSCORE', q, id) then
    out[#out + 1] = 1
  elseif redis.call('ZCARD', q) >= maxq then
    out[#out + 1] = 2
  else
    redis.call('SET', p .. 'inbox:u:' .. id, raw, 'PX', ttl)
    redis.call('ZADD', p .. 'inbox:ids', math.floor(now / 1000), id)
    redis.call('ZADD', q, id, id)
    redis.call('PEXPIRE', q, ttl)
    woken = woken + redis.call('ZADD', p .. 'chat:ready', 'NX', now, chat)
    out[#out + 1] = 0
  end
end
redis.call('ZREMRANGEBYSCORE', p .. 'inbox:ids', '-inf', math.floor((now - ttl) / 1000))
redis.call('PEXPIRE', p .. 'inbox:ids', ttl) -- a key that is not there is left so
redis.call('PEXPIRE', p .. 'chat:ready', ttl)
local claimed = {}
if n > 0 and woken > 0 then claimed = claim(p, lease, n) end
local wake = woken - #claimed / 5 -- 5: a claimed chat's record (claimedLen)
for i = 1, wake do redis.call('LPUSH', p .. 'chat:wake', '1') end
if wake > 0 then
  redis.call('LTRIM', p .. 'chat:wake', 0, 1023)
  redis.call('PEXPIRE', p .. 'chat:wake', 60000)
end
out[#out + 1] = redis.call('ZCARD', p .. 'chat:ready')
for _, v in ipairs(claimed) do out[#out + 1] = v end
return out`)

// adoptScript queues updates already stored in the inbox (by an earlier
// version, or by RedisInbox.Put) that no chat queue holds: ARGV = prefix,
// then id, chat for each. An update handled or gone meanwhile is left.
var adoptScript = redis.NewScript(luaNow + `
local p, n = ARGV[1], 0
for i = 2, #ARGV, 2 do
  local id, chat = ARGV[i], ARGV[i + 1]
  local q = p .. 'chat:q:' .. chat
  if redis.call('EXISTS', p .. 'inbox:u:' .. id) == 1 and redis.call('EXISTS', p .. 'upd:' .. id) == 0
      and not redis.call('ZSCORE', q, id) then
    redis.call('ZADD', q, id, id)
    if redis.call('ZADD', p .. 'chat:ready', 'NX', now, chat) == 1 then
      redis.call('LPUSH', p .. 'chat:wake', '1')
      redis.call('PEXPIRE', p .. 'chat:wake', 60000)
    end
    n = n + 1
  end
end
return n`)

// luaHead defines head(p, chat, lease, locked): the chat's first update
// still to handle, as {id, raw, read-ahead} (luaAhead), skipping (and
// dropping from the chat's queue) ids expired, erased (/hapusdata) or
// handled already. With one it extends the claim by lease (the lock's TTL
// only unless locked: a claim made in the same script set it already);
// with none it gives the claim up (the lock and the chat's place in
// chat:ready) and returns nil, so that an update enqueued a moment later
// finds the chat free and wakes a worker.
const luaHead = luaAhead + `
local function head(p, chat, lease, locked)
  local lock, q, ready = p .. 'chat:lock:' .. chat, p .. 'chat:q:' .. chat, p .. 'chat:ready'
  while true do
    local first = redis.call('ZRANGE', q, 0, 0)
    if #first == 0 then
      redis.call('DEL', lock)
      redis.call('ZREM', ready, chat)
      return nil
    end
    local raw = redis.call('GET', p .. 'inbox:u:' .. first[1])
    if raw and redis.call('EXISTS', p .. 'upd:' .. first[1]) == 0 then
      if not locked then redis.call('PEXPIRE', lock, lease) end
      redis.call('ZADD', ready, 'XX', now + lease, chat)
      return {first[1], raw, readAhead(chat, first[1])}
    end
    redis.call('ZREM', q, first[1])
  end
end
`

// luaClaim defines claim(p, lease, n): it claims up to n chats whose
// claim time has come, oldest first, and takes the first update of each,
// so that a claimed chat's handling starts without a round trip of its
// own. A chat still locked (its score was behind) gets the lock's end as
// its score; a chat whose queue holds nothing to handle any more is given
// up at once. It returns chat, token, id, raw, read-ahead for each chat
// claimed, and whether n chats were ready (there may be more). With fewer,
// no chat is ready any more, so every wake-up in chat:wake announces a
// chat taken already: they are dropped, or each would cost an idle
// instance (this one, too) a BLPOP and a claim that finds nothing (at 400
// busy chats, counted: 1,028 such claims for 3,200 updates). A chat that
// gets work later pushes a wake-up of its own. Needs luaHead.
const luaClaim = `
local function claim(p, lease, n)
  local ready = p .. 'chat:ready'
  local out = {}
  local due = redis.call('ZRANGEBYSCORE', ready, '-inf', now, 'LIMIT', 0, n)
  for _, chat in ipairs(due) do
    local lock = p .. 'chat:lock:' .. chat
    local left = redis.call('PTTL', lock)
    if left > 0 then
      redis.call('ZADD', ready, now + left, chat)
    else
      local token = redis.call('INCR', p .. 'chat:fence')
      redis.call('SET', lock, token, 'PX', lease)
      local h = head(p, chat, lease, true) -- moves the chat's score to the lease's end
      if h then
        out[#out + 1] = chat
        out[#out + 1] = tostring(token)
        out[#out + 1] = h[1]
        out[#out + 1] = h[2]
        out[#out + 1] = h[3]
      end
    end
  end
  if #due < n then redis.call('DEL', p .. 'chat:wake') end
  return out, #due >= n
end
`

// claimScript is claim for a worker: ARGV = prefix, lease ms, n,
// read-ahead. It returns claim's chats, then 1 if n chats were ready, else
// 0.
var claimScript = redis.NewScript(luaNow + luaHead + luaClaim + `
ahead = parseAheadArg(ARGV[4])
local out, more = claim(ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
out[#out + 1] = more and '1' or '0'
return out`)

// nextScript finishes the update a claim handled (if any) and returns the
// chat's next one: ARGV = prefix, chat, token, done id or "", dedupe ttl
// ms, lease ms, n and read-ahead. Finishing marks the update handled (the
// dedupe record), removes it and extends the claim, all only while the
// token holds the claim (luaHead). It returns {id, raw, read-ahead} for
// the chat's next update. When the chat is done, its claim given up, it
// claims up to n other chats as claimScript would and returns an empty
// string, then chat, token, id, raw, read-ahead for each, or {} when there
// are none: a worker that finished a chat goes on with another in the same
// round trip, where the claim loop would spend one of its own on each.
var nextScript = redis.NewScript(luaNow + luaHead + luaClaim + `
local p, chat, token, done = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local lease, n = tonumber(ARGV[6]), tonumber(ARGV[7])
ahead = parseAheadArg(ARGV[8])
local lock = p .. 'chat:lock:' .. chat
if redis.call('GET', lock) ~= token then return redis.error_reply('` + fencedReply + `') end
if done ~= '' then
  redis.call('SET', p .. 'upd:' .. done, '1', 'PX', tonumber(ARGV[5]))
  redis.call('DEL', p .. 'inbox:u:' .. done)
  redis.call('ZREM', p .. 'inbox:ids', done)
  redis.call('ZREM', p .. 'chat:q:' .. chat, done)
end
local h = head(p, chat, lease, false)
if h then return h end
if n > 0 then
  local out = claim(p, lease, n)
  if #out > 0 then
    table.insert(out, 1, '')
    return out
  end
end
return {}`)

// renewClaimsScript extends the claims whose token still holds them:
// ARGV = prefix, lease ms, then chat, token for each claim. It returns
// the (1-based) numbers of the claims lost.
var renewClaimsScript = redis.NewScript(luaNow + `
local p, lease = ARGV[1], tonumber(ARGV[2])
local lost = {}
for i = 3, #ARGV, 2 do
  local chat = ARGV[i]
  local lock = p .. 'chat:lock:' .. chat
  if redis.call('GET', lock) == ARGV[i + 1] then
    redis.call('PEXPIRE', lock, lease)
    redis.call('ZADD', p .. 'chat:ready', 'XX', now + lease, chat)
  else
    lost[#lost + 1] = (i - 1) / 2
  end
end
return lost`)

// releaseClaimScript gives a claim up before its chat is done (shutdown):
// the chat is free for any worker at once. ARGV = prefix, chat, token.
var releaseClaimScript = redis.NewScript(luaNow + `
local p, chat = ARGV[1], ARGV[2]
local lock = p .. 'chat:lock:' .. chat
if redis.call('GET', lock) ~= ARGV[3] then return 0 end
redis.call('DEL', lock)
if redis.call('ZCARD', p .. 'chat:q:' .. chat) > 0 then
  redis.call('ZADD', p .. 'chat:ready', now, chat)
  redis.call('LPUSH', p .. 'chat:wake', '1')
  redis.call('PEXPIRE', p .. 'chat:wake', 60000)
else
  redis.call('ZREM', p .. 'chat:ready', chat)
end
return 1`)
