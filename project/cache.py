"""Django's Redis cache, with one Redis client per server kept for the life of the process.

Django builds a new ``redis.Redis`` for every cache call, and redis-py fills a table of about
eighty response callbacks each time it does: three cache reads a request cost more than the
reads themselves. The client is safe to share; the connection pool under it already is.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedRedisClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisClient
